import type {
  Action,
  ProcessValue,
  SendWorkItemToUserAction,
  SendWorkItemToWorkgroupAction,
} from './definition-types.js';
import type { ProcessEffect, WorkItemTarget } from './effect-types.js';
import { checkExpression } from './expression/index.js';
import type { Block, Frame } from './instance-types.js';
import { evaluateIn, failStep, findVariable, parseCached, record, renderIn, type Step } from './step.js';
import { variableType } from './values.js';

type External = Exclude<
  Action,
  { kind: 'assign' | 'decision' | 'loop' | 'callTask' | 'changeState' | 'endProcess' | 'log' }
>;

/** Thrown inside effect building only, always caught by `issueExternal`. */
class BuildFailure extends Error {}

/** Builds the action's effect, moves the position past the action, and makes the instance wait on it. */
export function issueExternal(step: Step, frame: Frame, block: Block, action: Action): void {
  const inst = step.inst;
  const effectId = `${inst.id}.${inst.nextEffectSeq}`;
  let effect: ProcessEffect;
  try {
    effect = build(step, frame, action as External, { effectId, instanceId: inst.id, actionId: action.id });
  } catch (e) {
    if (!(e instanceof BuildFailure)) throw e;
    return failStep(step, `${action.kind} ${action.id}: ${e.message}`, { actionId: action.id });
  }
  inst.nextEffectSeq += 1;
  const actionPath = [...block.path, block.index];
  block.index += 1;
  inst.pending = { effect, issuedAt: step.now, actionPath };
  inst.status = 'waiting';
  step.effects.push(effect);
  record(step, action.id, action.kind, `waiting on ${effect.type} ${effectId}`);
  step.events.push({ type: 'instance.waiting', instanceId: inst.id, effectId, effectType: effect.type, at: step.now });
}

function value(step: Step, frame: Frame, source: string): ProcessValue {
  const r = evaluateIn(step, frame, source);
  if ('error' in r) throw new BuildFailure(r.error);
  return r.value;
}

function text(step: Step, frame: Frame, source: string, what: string): string {
  const v = value(step, frame, source);
  if (typeof v !== 'string' || v === '') throw new BuildFailure(`${what} is empty`);
  return v;
}

function values(step: Step, frame: Frame, map: Record<string, string>): Record<string, ProcessValue> {
  const out: Record<string, ProcessValue> = {};
  for (const [name, source] of Object.entries(map)) out[name] = value(step, frame, source);
  return out;
}

type Base = { effectId: string; instanceId: string; actionId: string };

function build(step: Step, frame: Frame, a: External, base: Base): ProcessEffect {
  switch (a.kind) {
    case 'sendWorkItemToUser':
    case 'sendWorkItemToWorkgroup':
      return workItem(step, frame, a, base);
    case 'invokeWebService':
      return {
        ...base,
        type: 'invokeWebService',
        protocol: a.protocol,
        method: a.method,
        url: renderIn(step, frame, a.url, () => true),
        soapAction: a.soapAction ?? null,
        body: values(step, frame, a.body),
        timeoutMs: a.timeoutSeconds * 1000,
        outputs: a.outputs,
      };
    case 'runHandler':
      return {
        ...base,
        type: 'runHandler',
        handler: a.handler,
        inputs: values(step, frame, a.inputs),
        timeoutMs: a.timeoutSeconds * 1000,
        outputs: a.outputs,
      };
    case 'sendEmail':
      return sendEmail(step, frame, a, base);
    case 'databaseQuery':
      return {
        ...base,
        type: 'databaseQuery',
        dataSource: a.dataSource,
        sql: a.sql,
        parameters: a.parameters.map((p) => value(step, frame, p)),
        timeoutMs: a.timeoutSeconds * 1000,
        outputs: a.outputs,
      };
    case 'wait':
      return { ...base, type: 'startTimer', fireAt: fireAt(step, frame, a) };
    case 'launchSubprocess':
      return launch(step, frame, a, base);
  }
}

function sendEmail(step: Step, frame: Frame, a: Extract<Action, { kind: 'sendEmail' }>, base: Base): ProcessEffect {
  const to = value(step, frame, a.to);
  const list = (Array.isArray(to) ? to : [to]).filter((x): x is string => typeof x === 'string' && x !== '');
  if (list.length === 0) throw new BuildFailure('no recipient');
  return {
    ...base,
    type: 'sendEmail',
    to: list,
    subject: renderIn(step, frame, a.subject, () => true),
    body: renderIn(step, frame, a.body, () => true),
  };
}

function fireAt(step: Step, frame: Frame, a: Extract<Action, { kind: 'wait' }>): number {
  if (a.until !== undefined) {
    const v = value(step, frame, a.until);
    const ms = typeof v === 'string' ? Date.parse(v) : NaN;
    if (!Number.isFinite(ms)) throw new BuildFailure('until has no date');
    return Math.max(ms, step.now);
  }
  const seconds = value(step, frame, a.seconds ?? '0');
  if (typeof seconds !== 'number' || seconds < 0) throw new BuildFailure('seconds must be a number of at least 0');
  return step.now + Math.round(seconds * 1000);
}

function launch(step: Step, frame: Frame, a: Extract<Action, { kind: 'launchSubprocess' }>, base: Base): ProcessEffect {
  const depth = step.inst.depth + 1;
  if (depth > step.limits.depthThreshold) {
    throw new BuildFailure(
      `excessive recursion: subprocesses nested deeper than PAS_DepthThreshold (${step.limits.depthThreshold})`,
    );
  }
  return {
    ...base,
    type: 'launchSubprocess',
    definitionId: a.process,
    inputs: values(step, frame, a.inputs),
    depth,
    waitForCompletion: a.waitForCompletion,
    outputs: a.outputs,
  };
}

function workItem(
  step: Step,
  frame: Frame,
  a: SendWorkItemToUserAction | SendWorkItemToWorkgroupAction,
  base: Base,
): ProcessEffect {
  const form = step.definition.forms.find((f) => f.id === a.form);
  if (!form) throw new BuildFailure(`unknown form ${a.form}`);
  const target: WorkItemTarget =
    a.kind === 'sendWorkItemToUser'
      ? { kind: 'user', userId: text(step, frame, a.user, 'user') }
      : { kind: 'workgroup', workgroupId: text(step, frame, a.workgroup, 'workgroup') };
  const due = form.dueDate === undefined ? null : value(step, frame, form.dueDate);
  const reroute =
    a.kind === 'sendWorkItemToWorkgroup' && a.reroute !== undefined ? rerouteTarget(step, frame, a.reroute) : null;
  return {
    ...base,
    type: 'sendWorkItem',
    target,
    formId: form.id,
    category: form.category,
    // Queues show the description to everyone who may see the item: secured values stay out.
    description: renderIn(step, frame, form.description, (v) => v.securitySpecification === undefined),
    dueDate: typeof due === 'string' ? Date.parse(due) : null,
    buttons: form.buttons.map((b) => b.id),
    pickupTimeoutSeconds: a.kind === 'sendWorkItemToWorkgroup' ? (a.pickupTimeoutSeconds ?? null) : null,
    reroute,
  };
}

/** A re-route expression of type User goes to that user; anything else names a workgroup. */
function rerouteTarget(step: Step, frame: Frame, source: string): WorkItemTarget {
  const id = text(step, frame, source, 'reroute');
  const parsed = parseCached(source);
  const type = parsed.ok
    ? checkExpression(parsed.value, (n) => {
        const v = findVariable(step, frame, n);
        return v ? variableType(v) : undefined;
      })
    : undefined;
  return type?.ok && type.value.base === 'User' ? { kind: 'user', userId: id } : { kind: 'workgroup', workgroupId: id };
}
