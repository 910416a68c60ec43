import { TandemError } from '../errors.js';
import type { ProcessDefinition } from './definition-types.js';
import type { ProcessInput, StepResult } from './effect-types.js';
import { DEFAULT_PROCESS_LIMITS, type AdvanceContext, type LaunchOptions, type ProcessLimits } from './engine-types.js';
import { applyInput } from './inputs.js';
import { INSTANCE_SCHEMA_VERSION, type ProcessInstance } from './instance-types.js';
import { run } from './run.js';
import { failStep, newStep, setVariable } from './step.js';
import { defaultValue } from './values.js';

function limitsOf(ctx: AdvanceContext): ProcessLimits {
  return { ...DEFAULT_PROCESS_LIMITS, ...ctx.limits };
}

/**
 * Creates an instance of `definition` and runs it until it waits on an effect or ends.
 * Throws `VALIDATION_FAILED` naming `inputs.<name>` when a launch input is unknown or of the wrong type.
 */
export function launchInstance(definition: ProcessDefinition, options: LaunchOptions, ctx: AdvanceContext): StepResult {
  const now = ctx.clock.now();
  const instance = newInstance(definition, options, now);
  const step = newStep(definition, instance, now, limitsOf(ctx));
  setInputs(step, options.inputs ?? {});
  step.events.push({ type: 'instance.started', instanceId: instance.id, at: now });
  if (instance.depth > step.limits.depthThreshold) {
    const message = `excessive recursion: deeper than PAS_DepthThreshold (${step.limits.depthThreshold})`;
    failStep(step, message, { retryable: false });
  } else {
    run(step);
  }
  return { instance, effects: step.effects, events: step.events };
}

function newInstance(definition: ProcessDefinition, options: LaunchOptions, now: number): ProcessInstance {
  const start = definition.states.find((s) => s.start);
  if (!start) {
    throw new TandemError('VALIDATION_FAILED', 'states: no start state', {
      issues: [{ path: 'states', message: 'no start state' }],
    });
  }
  return {
    schemaVersion: INSTANCE_SCHEMA_VERSION,
    id: options.instanceId,
    definitionId: definition.id,
    definitionVersion: options.definitionVersion,
    status: 'running',
    originator: options.originator,
    ...(options.parent ? { parent: { instanceId: options.parent.instanceId, effectId: options.parent.effectId } } : {}),
    depth: options.parent?.depth ?? 0,
    state: start.id,
    startedAt: now,
    updatedAt: now,
    variables: Object.fromEntries(definition.variables.map((v) => [v.name, defaultValue(v)])),
    frames: [
      {
        kind: 'state',
        owner: start.id,
        locals: Object.fromEntries(start.variables.map((v) => [v.name, defaultValue(v)])),
        blocks: [{ path: ['actions'], index: 0 }],
      },
    ],
    pending: null,
    error: null,
    nextEffectSeq: 1,
    history: [],
  };
}

function setInputs(step: ReturnType<typeof newStep>, inputs: Record<string, unknown>): void {
  const issues: { path: string; message: string }[] = [];
  for (const [name, value] of Object.entries(inputs)) {
    if (!step.definition.inputs.includes(name)) {
      issues.push({ path: `inputs.${name}`, message: 'is not an input of this process' });
      continue;
    }
    const err = setVariable(step, undefined, name, value);
    if (err) issues.push({ path: `inputs.${name}`, message: err.slice(name.length + 1) });
  }
  if (issues.length > 0) {
    throw new TandemError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
}

/**
 * One step: feeds `input` to a waiting (or errored) instance and runs it until it waits again or ends.
 * Pure: `instance` is not modified. Throws `ACTION_NOT_ALLOWED` when the input does not fit the
 * instance (unknown effect id, finished instance), `VALIDATION_FAILED` for bad submitted data.
 */
export function advance(
  instance: ProcessInstance,
  definition: ProcessDefinition,
  input: ProcessInput,
  ctx: AdvanceContext,
): StepResult {
  if (instance.definitionId !== definition.id) {
    throw new TandemError(
      'ACTION_NOT_ALLOWED',
      `instance ${instance.id} runs ${instance.definitionId}, not ${definition.id}`,
    );
  }
  const now = ctx.clock.now();
  const step = newStep(definition, cloneInstance(instance), now, limitsOf(ctx));
  applyInput(step, input);
  step.inst.updatedAt = now;
  return { instance: step.inst, effects: step.effects, events: step.events };
}

/**
 * A copy deep enough for a step to work on: the step replaces values, pending effects and errors
 * but mutates only the variable maps, frames, blocks and history, which are copied here.
 */
function cloneInstance(instance: ProcessInstance): ProcessInstance {
  return {
    ...instance,
    variables: { ...instance.variables },
    frames: instance.frames.map((f) => ({ ...f, locals: { ...f.locals }, blocks: f.blocks.map((b) => ({ ...b })) })),
    history: [...instance.history],
  };
}
