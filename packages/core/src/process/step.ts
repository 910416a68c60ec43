import type { ProcessDefinition, ProcessValue, VariableDefinition } from './definition-types.js';
import type { ProcessEffect, ProcessEvent } from './effect-types.js';
import type { ProcessLimits } from './engine-types.js';
import { evaluateExpression, parseExpression, type Expr, type ExpressionResult } from './expression/index.js';
import { indexDefinition, type DefinitionIndex } from './action-index.js';
import { HISTORY_LIMIT, type Frame, type ProcessInstance } from './instance-types.js';
import { formatValue, renderTemplate } from './template.js';
import { coerceValue, variableType } from './values.js';

/** The working state of one step: a private copy of the instance, and what the step produced. */
export interface Step {
  definition: ProcessDefinition;
  index: DefinitionIndex;
  inst: ProcessInstance;
  effects: ProcessEffect[];
  events: ProcessEvent[];
  now: number;
  limits: ProcessLimits;
  executed: number;
}

export function newStep(
  definition: ProcessDefinition,
  inst: ProcessInstance,
  now: number,
  limits: ProcessLimits,
): Step {
  return { definition, index: indexDefinition(definition), inst, effects: [], events: [], now, limits, executed: 0 };
}

const parsed = new Map<string, ExpressionResult<Expr>>();
const PARSE_CACHE_LIMIT = 5000;

/** Parses with a bounded cache: definitions repeat the same expressions for every instance. */
export function parseCached(source: string): ExpressionResult<Expr> {
  let result = parsed.get(source);
  if (!result) {
    result = parseExpression(source);
    if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
    parsed.set(source, result);
  }
  return result;
}

export function topFrame(step: Step): Frame | undefined {
  return step.inst.frames[step.inst.frames.length - 1];
}

/** The definitions of a frame's local variables. */
export function localVariables(step: Step, frame: Frame): VariableDefinition[] {
  const owner = frame.kind === 'state' ? step.index.states.get(frame.owner) : step.index.tasks.get(frame.owner);
  return owner?.variables ?? [];
}

export function lookupIn(step: Step, frame: Frame | undefined): (name: string) => ProcessValue | undefined {
  return (name) => {
    const local = frame?.locals[name];
    return local !== undefined ? local : step.inst.variables[name];
  };
}

/** Evaluates an expression in a frame's scope; errors come back as a message with the position. */
export function evaluateIn(
  step: Step,
  frame: Frame | undefined,
  source: string,
): { value: ProcessValue } | { error: string } {
  const expr = parseCached(source);
  if (!expr.ok) return { error: `${expr.error.message} in "${source}"` };
  const result = evaluateExpression(expr.value, { lookup: lookupIn(step, frame), now: step.now });
  if (!result.ok) return { error: `${result.error.message} at ${result.error.position.start} in "${source}"` };
  return { value: result.value };
}

/** Writes a variable of the frame's scope (locals first, then process), converted to its type. */
export function setVariable(step: Step, frame: Frame | undefined, name: string, value: unknown): string | undefined {
  const local = frame ? localVariables(step, frame).find((v) => v.name === name) : undefined;
  const variable = local ?? step.definition.variables.find((v) => v.name === name);
  if (!variable) return `unknown variable ${name}`;
  const coerced = coerceValue(value, variableType(variable));
  if (!coerced.ok) return `${name} ${coerced.message}`;
  if (local && frame) frame.locals[name] = coerced.value;
  else step.inst.variables[name] = coerced.value;
  return undefined;
}

export function findVariable(step: Step, frame: Frame | undefined, name: string): VariableDefinition | undefined {
  const local = frame ? localVariables(step, frame).find((v) => v.name === name) : undefined;
  return local ?? step.definition.variables.find((v) => v.name === name);
}

/** Renders a template; values of variables failing `show` are written `***`. */
export function renderIn(
  step: Step,
  frame: Frame | undefined,
  template: string,
  show: (v: VariableDefinition) => boolean,
): string {
  return renderTemplate(template, lookupIn(step, frame), (name, value) => {
    const v = findVariable(step, frame, name);
    return v && show(v) ? formatValue(value) : '***';
  });
}

export function record(step: Step, actionId: string, kind: string, outcome: string): void {
  const history = step.inst.history;
  history.push({ at: step.now, actionId, kind, outcome });
  if (history.length > HISTORY_LIMIT) history.splice(0, history.length - HISTORY_LIMIT);
  step.events.push({ type: 'action.executed', instanceId: step.inst.id, actionId, kind, at: step.now });
}

/** Puts the instance in error; `retry` resumes at the same action (or re-issues the pending effect). */
export function failStep(
  step: Step,
  message: string,
  at: { actionId?: string; effectId?: string; retryable?: boolean },
): void {
  const inst = step.inst;
  inst.status = 'error';
  inst.error = {
    message,
    retryable: at.retryable ?? true,
    at: step.now,
    ...(at.actionId !== undefined ? { actionId: at.actionId } : {}),
    ...(at.effectId !== undefined ? { effectId: at.effectId } : {}),
  };
  step.events.push({
    type: 'instance.failed',
    instanceId: inst.id,
    actionId: at.actionId ?? null,
    message,
    at: step.now,
  });
}
