import { TandemError, type FieldIssue } from '../errors.js';
import type { FormDefinition, OutputMapping, ProcessValue } from './definition-types.js';
import type { ProcessInput } from './effect-types.js';
import { evaluateExpression } from './expression/index.js';
import { notifyParent, run } from './run.js';
import { failStep, findVariable, parseCached, record, setVariable, topFrame, type Step } from './step.js';
import { coerceValue, variableType } from './values.js';

const refuse = (message: string) => new TandemError('ACTION_NOT_ALLOWED', message);

/** Applies one input to the working copy in `step` and runs on. Throws before changing anything when it does not fit. */
export function applyInput(step: Step, input: ProcessInput): void {
  const inst = step.inst;
  if (inst.status === 'completed' || inst.status === 'cancelled') throw refuse(`instance ${inst.id} is ${inst.status}`);
  switch (input.type) {
    case 'cancel':
      return cancel(step, input.reason);
    case 'retry':
      return retry(step);
    case 'effectFailed': {
      // A timer cannot fail; anything else (a work item that could not be routed, too) goes in error.
      const effect = expectPending(step, input.effectId, ['startTimer'], true);
      return failStep(step, `${effect.type} failed: ${input.error.message}`, {
        actionId: effect.actionId,
        effectId: effect.effectId,
      });
    }
    case 'timerFired':
      expectPending(step, input.effectId, ['startTimer'], false);
      return resume(step);
    case 'effectCompleted':
      return completed(step, input.effectId, input.outputs);
    case 'workItemSubmitted':
      return submitted(step, input);
  }
}

/** The pending effect `effectId` of a waiting instance; `types` are the ones allowed (or refused when `exclude`). */
function expectPending(step: Step, effectId: string, types: string[], exclude: boolean) {
  const pending = step.inst.pending;
  if (step.inst.status !== 'waiting' || !pending) throw refuse(`instance ${step.inst.id} is not waiting on an effect`);
  if (pending.effect.effectId !== effectId)
    throw refuse(`instance ${step.inst.id} is not waiting on effect ${effectId}`);
  if (types.includes(pending.effect.type) === exclude) {
    throw refuse(`effect ${effectId} is a ${pending.effect.type} and cannot take this input`);
  }
  return pending.effect;
}

function resume(step: Step): void {
  step.inst.pending = null;
  run(step);
}

function cancel(step: Step, reason: string | undefined): void {
  const inst = step.inst;
  const pending = inst.pending;
  if (pending) {
    const { effectId, instanceId, actionId, type } = pending.effect;
    step.effects.push({ type: 'withdraw', effectId, instanceId, actionId, withdrawn: type });
  }
  inst.status = 'cancelled';
  inst.pending = null;
  inst.frames = [];
  inst.endedAt = step.now;
  inst.history.push({
    at: step.now,
    actionId: '',
    kind: 'cancel',
    outcome: reason ? `cancelled: ${reason}` : 'cancelled',
  });
  step.events.push({ type: 'instance.cancelled', instanceId: inst.id, at: step.now });
  notifyParent(step, 'cancelled');
}

function retry(step: Step): void {
  const inst = step.inst;
  if (inst.status !== 'error') throw refuse(`instance ${inst.id} is not in error`);
  if (inst.error && !inst.error.retryable) throw refuse(`instance ${inst.id} cannot be retried: ${inst.error.message}`);
  inst.error = null;
  if (inst.pending) {
    // The same effect, the same id: the server can tell a retry from a new call.
    inst.pending = { effect: inst.pending.effect, issuedAt: step.now, actionPath: inst.pending.actionPath };
    inst.status = 'waiting';
    step.effects.push(inst.pending.effect);
    record(step, inst.pending.effect.actionId, 'retry', `re-issued ${inst.pending.effect.effectId}`);
    return;
  }
  run(step);
}

function completed(step: Step, effectId: string, outputs: Record<string, unknown>): void {
  const effect = expectPending(step, effectId, ['sendWorkItem', 'startTimer'], true);
  const mappings: readonly OutputMapping[] = 'outputs' in effect && Array.isArray(effect.outputs) ? effect.outputs : [];
  const frame = topFrame(step);
  for (const m of mappings) {
    const raw = effect.type === 'databaseQuery' ? fromRows(step, frame, m, outputs['rows']) : outputs[m.from];
    if (raw === undefined) continue;
    const err = setVariable(step, frame, m.variable, raw);
    if (err)
      return failStep(step, `${effect.type} ${effect.actionId}: output ${m.from}: ${err}`, {
        actionId: effect.actionId,
        effectId,
      });
  }
  resume(step);
}

/** A list variable takes the column of every row; a single one the first row's (unset when there is none). */
function fromRows(step: Step, frame: ReturnType<typeof topFrame>, m: OutputMapping, rows: unknown): unknown {
  if (!Array.isArray(rows)) return undefined;
  const cell = (row: unknown) =>
    (row !== null && typeof row === 'object' ? (row as Record<string, unknown>)[m.from] : undefined) ?? null;
  const isList = findVariable(step, frame, m.variable)?.list ?? false;
  return isList ? rows.map(cell) : rows.length > 0 ? cell(rows[0]) : null;
}

function submitted(step: Step, input: Extract<ProcessInput, { type: 'workItemSubmitted' }>): void {
  const effect = expectPending(step, input.effectId, ['sendWorkItem'], false);
  const entry = step.index.actions.get(effect.actionId);
  const action = entry?.action;
  if (action?.kind !== 'sendWorkItemToUser' && action?.kind !== 'sendWorkItemToWorkgroup') {
    throw refuse(`effect ${input.effectId} has no work item action in this definition`);
  }
  const k = action.exits.findIndex((e) => e.button === input.button);
  const form = step.definition.forms.find((f) => f.id === action.form);
  if (k < 0 || !form)
    throw fieldIssue([{ path: 'button', message: `must be one of ${action.exits.map((e) => e.button).join(', ')}` }]);
  const values = checkSubmission(step, form, input.button, input.data);
  Object.assign(step.inst.variables, values);
  const frame = topFrame(step);
  const pendingPath = step.inst.pending?.actionPath ?? entry?.path ?? [];
  frame?.blocks.push({ path: [...pendingPath, 'exits', k, 'actions'], index: 0 });
  record(step, action.id, 'workItemSubmitted', `button ${input.button}`);
  resume(step);
}

function fieldIssue(issues: FieldIssue[]): TandemError {
  return new TandemError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}

/**
 * The submitted data, converted to the bound variables' types. Only variables the form binds may be
 * set. A validating button also needs every required field filled and every validation rule true.
 */
export function checkSubmission(
  step: Pick<Step, 'definition' | 'inst' | 'now'>,
  form: FormDefinition,
  button: string,
  data: Record<string, unknown>,
): Record<string, ProcessValue> {
  const controls = form.pages.flatMap((p) => p.controls).filter((c) => c.variable !== undefined);
  const issues: FieldIssue[] = [];
  const values: Record<string, ProcessValue> = {};
  for (const [name, raw] of Object.entries(data)) {
    const variable = step.definition.variables.find((v) => v.name === name);
    if (!variable || !controls.some((c) => c.variable === name)) {
      issues.push({ path: `data.${name}`, message: 'is not a field of this form' });
      continue;
    }
    const c = coerceValue(raw, variableType(variable));
    if (c.ok) values[name] = c.value;
    else issues.push({ path: `data.${name}`, message: c.message });
  }
  const validates = form.buttons.find((b) => b.id === button)?.validates ?? true;
  if (validates && issues.length === 0) {
    const merged = { ...step.inst.variables, ...values };
    for (const c of controls) {
      const v = merged[c.variable as string];
      if (c.required && (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0))) {
        issues.push({ path: `data.${c.variable as string}`, message: `${c.label || c.id} is required` });
      }
    }
    for (const rule of form.validations) {
      const expr = parseCached(rule.rule);
      const r = expr.ok ? evaluateExpression(expr.value, { lookup: (n) => merged[n], now: step.now }) : expr;
      if (!r.ok || r.value !== true) issues.push({ path: fieldPath(controls, rule.control), message: rule.message });
    }
  }
  if (issues.length > 0) throw fieldIssue(issues);
  return values;
}

function fieldPath(controls: readonly { id: string; variable?: string }[], controlId: string | undefined): string {
  const variable = controls.find((c) => c.id === controlId)?.variable;
  return variable ? `data.${variable}` : 'data';
}
