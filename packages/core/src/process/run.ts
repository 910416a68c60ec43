import type { Action, LoopAction, ProcessValue } from './definition-types.js';
import { getIn } from './action-index.js';
import { issueExternal } from './external.js';
import type { Block, Frame } from './instance-types.js';
import { defaultValue } from './values.js';
import { evaluateIn, failStep, record, renderIn, setVariable, topFrame, type Step } from './step.js';

/**
 * Runs the instance until it waits on an effect, ends, or fails. Internal actions run here;
 * external ones issue an effect (`external.ts`) and stop the run.
 */
export function run(step: Step): void {
  const inst = step.inst;
  inst.status = 'running';
  while (inst.status === 'running') {
    step.executed += 1;
    if (step.executed > step.limits.maxActionsPerStep) {
      failStep(step, `more than ${step.limits.maxActionsPerStep} actions in one step: the definition may loop`, {});
      return;
    }
    const frame = topFrame(step);
    if (!frame) return completeInstance(step);
    const block = frame.blocks[frame.blocks.length - 1];
    if (!block) {
      finishFrame(step, frame);
      continue;
    }
    const actions = getIn(ownerOf(step, frame), block.path);
    if (!Array.isArray(actions)) {
      failStep(
        step,
        `the saved position ${block.path.join('.')} is not in definition version ${inst.definitionVersion}`,
        {
          retryable: false,
        },
      );
      return;
    }
    const action = actions[block.index] as Action | undefined;
    if (action) execute(step, frame, block, action);
    else finishBlock(step, frame, block);
  }
}

function ownerOf(step: Step, frame: Frame): unknown {
  return frame.kind === 'state' ? step.index.states.get(frame.owner) : step.index.tasks.get(frame.owner);
}

function execute(step: Step, frame: Frame, block: Block, action: Action): void {
  const error = INTERNAL[action.kind]?.(step, frame, block, action as never);
  if (error === undefined && !INTERNAL[action.kind]) {
    issueExternal(step, frame, block, action);
    return;
  }
  if (error) failStep(step, `${action.kind} ${action.id}: ${error}`, { actionId: action.id });
}

/** Each answers an error message, or undefined after moving the position on. */
type Internal = {
  [K in Action['kind']]?: (
    step: Step,
    frame: Frame,
    block: Block,
    a: Extract<Action, { kind: K }>,
  ) => string | undefined;
};

const INTERNAL: Internal = {
  assign: (step, frame, block, a) => {
    const r = evaluateIn(step, frame, a.expression);
    if ('error' in r) return r.error;
    const err = setVariable(step, frame, a.variable, r.value);
    if (err) return err;
    block.index += 1;
    record(step, a.id, a.kind, `set ${a.variable}`);
    return undefined;
  },
  decision: (step, frame, block, a) => {
    const r = evaluateIn(step, frame, a.condition);
    if ('error' in r) return r.error;
    if (typeof r.value !== 'boolean') return 'condition is not a Boolean';
    const at = block.index;
    block.index += 1;
    frame.blocks.push({ path: [...block.path, at, r.value ? 'then' : 'else'], index: 0 });
    record(step, a.id, a.kind, r.value ? 'then' : 'else');
    return undefined;
  },
  loop: (step, frame, block, a) => {
    const r = evaluateIn(step, frame, a.condition);
    if ('error' in r) return r.error;
    if (typeof r.value !== 'boolean') return 'condition is not a Boolean';
    const at = block.index;
    block.index += 1;
    if (r.value) frame.blocks.push({ path: [...block.path, at, 'body'], index: 0, iterations: 1 });
    record(step, a.id, a.kind, r.value ? 'iteration 1' : 'skipped');
    return undefined;
  },
  callTask: (step, frame, block, a) => {
    const task = step.index.tasks.get(a.task);
    if (!task) return `unknown task ${a.task}`;
    if (step.inst.frames.length >= step.limits.maxCallDepth)
      return `tasks nested deeper than ${step.limits.maxCallDepth}`;
    const callee: Frame = {
      kind: 'task',
      owner: task.id,
      locals: {},
      blocks: [{ path: ['actions'], index: 0 }],
      callerActionId: a.id,
    };
    for (const v of task.variables) callee.locals[v.name] = defaultValue(v);
    for (const [name, source] of Object.entries(a.inputs)) {
      const r = evaluateIn(step, frame, source);
      if ('error' in r) return r.error;
      const err = setVariable(step, callee, name, r.value);
      if (err) return err;
    }
    block.index += 1;
    step.inst.frames.push(callee);
    record(step, a.id, a.kind, `called ${task.id}`);
    return undefined;
  },
  changeState: (step, frame, _block, a) => {
    if (frame.kind === 'task') return 'Change State is refused inside a task';
    const state = step.index.states.get(a.state);
    if (!state) return `unknown state ${a.state}`;
    const next: Frame = { kind: 'state', owner: state.id, locals: {}, blocks: [{ path: ['actions'], index: 0 }] };
    for (const v of state.variables) next.locals[v.name] = defaultValue(v);
    for (const [name, source] of Object.entries(a.inputs)) {
      const r = evaluateIn(step, frame, source);
      if ('error' in r) return r.error;
      const err = setVariable(step, next, name, r.value);
      if (err) return err;
    }
    const from = step.inst.state;
    step.inst.state = state.id;
    step.inst.frames = [next];
    record(step, a.id, a.kind, `${from} → ${state.id}`);
    step.events.push({ type: 'state.changed', instanceId: step.inst.id, from, to: state.id, at: step.now });
    return undefined;
  },
  endProcess: (step, frame, _block, a) => {
    if (frame.kind === 'task') return 'End Process is refused inside a task';
    record(step, a.id, a.kind, 'ended');
    completeInstance(step);
    return undefined;
  },
  log: (step, frame, block, a) => {
    const message = renderIn(step, frame, a.message, (v) => v.logToReporting);
    block.index += 1;
    record(step, a.id, a.kind, message);
    step.events.push({ type: 'instance.logged', instanceId: step.inst.id, actionId: a.id, message, at: step.now });
    return undefined;
  },
};

/** End of a block: a loop body repeats while its condition holds (up to its cap); other blocks just end. */
function finishBlock(step: Step, frame: Frame, block: Block): void {
  const last = block.path[block.path.length - 1];
  if (last !== 'body') {
    frame.blocks.pop();
    return;
  }
  const loop = getIn(ownerOf(step, frame), block.path.slice(0, -1)) as LoopAction | undefined;
  if (loop?.kind !== 'loop') {
    return failStep(step, `the saved position ${block.path.join('.')} is not a loop body`, { retryable: false });
  }
  const r = evaluateIn(step, frame, loop.condition);
  if ('error' in r) return failStep(step, `loop ${loop.id}: ${r.error}`, { actionId: loop.id });
  if (r.value !== true) {
    frame.blocks.pop();
    return;
  }
  const cap = loop.maxIterations ?? step.limits.defaultLoopIterations;
  const done = block.iterations ?? 1;
  if (done >= cap) {
    return failStep(step, `loop ${loop.id}: still true after ${cap} iterations`, { actionId: loop.id });
  }
  block.iterations = done + 1;
  block.index = 0;
}

/** End of a frame: a task returns its outputs to its caller; the state's end ends the process. */
function finishFrame(step: Step, frame: Frame): void {
  if (frame.kind === 'state') return completeInstance(step);
  step.inst.frames.pop();
  const caller = topFrame(step);
  const call = frame.callerActionId ? step.index.actions.get(frame.callerActionId)?.action : undefined;
  if (call?.kind !== 'callTask') return;
  for (const [output, target] of Object.entries(call.outputs)) {
    const err = setVariable(step, caller, target, frame.locals[output] ?? null);
    if (err) {
      step.inst.frames.push(frame);
      return failStep(step, `callTask ${call.id}: ${err}`, { actionId: call.id });
    }
  }
}

export function completeInstance(step: Step): void {
  const inst = step.inst;
  inst.status = 'completed';
  inst.frames = [];
  inst.endedAt = step.now;
  step.events.push({ type: 'instance.completed', instanceId: inst.id, at: step.now });
  notifyParent(step, 'completed');
}

export function notifyParent(step: Step, status: 'completed' | 'cancelled'): void {
  const inst = step.inst;
  if (!inst.parent) return;
  const outputs: Record<string, ProcessValue> = {};
  for (const name of step.definition.outputs) outputs[name] = inst.variables[name] ?? null;
  step.effects.push({
    type: 'subprocessEnded',
    effectId: `${inst.id}.end`,
    instanceId: inst.id,
    actionId: '',
    parentInstanceId: inst.parent.instanceId,
    parentEffectId: inst.parent.effectId,
    status,
    outputs,
  });
}
