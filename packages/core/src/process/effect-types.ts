import type { OutputMapping, ProcessValue } from './definition-types.js';
import type { ProcessInstance } from './instance-types.js';

/** Who a work item goes to. */
export type WorkItemTarget = { kind: 'user'; userId: string } | { kind: 'workgroup'; workgroupId: string };

interface EffectBase {
  /** `<instance id>.<seq>`: stable, re-issued unchanged by `retry`, so the server can deduplicate. */
  effectId: string;
  instanceId: string;
  actionId: string;
}

export interface SendWorkItemEffect extends EffectBase {
  type: 'sendWorkItem';
  target: WorkItemTarget;
  formId: string;
  category: string;
  description: string;
  /** Epoch ms. */
  dueDate: number | null;
  buttons: string[];
  pickupTimeoutSeconds: number | null;
  reroute: WorkItemTarget | null;
}

export interface InvokeWebServiceEffect extends EffectBase {
  type: 'invokeWebService';
  protocol: 'http-json' | 'soap';
  method: string;
  url: string;
  soapAction: string | null;
  body: Record<string, ProcessValue>;
  timeoutMs: number;
  /** The server returns `outputs` keyed by `from`, read from the response (JSON path or SOAP element). */
  outputs: OutputMapping[];
}

export interface RunHandlerEffect extends EffectBase {
  type: 'runHandler';
  handler: string;
  inputs: Record<string, ProcessValue>;
  timeoutMs: number;
  /** The server returns the handler's outputs keyed by output name (`from`). */
  outputs: OutputMapping[];
}

export interface SendEmailEffect extends EffectBase {
  type: 'sendEmail';
  to: string[];
  subject: string;
  body: string;
}

export interface DatabaseQueryEffect extends EffectBase {
  type: 'databaseQuery';
  dataSource: string;
  sql: string;
  parameters: ProcessValue[];
  timeoutMs: number;
  /** The server returns `{ rows: [{column: value}] }`. */
  outputs: OutputMapping[];
}

export interface StartTimerEffect extends EffectBase {
  type: 'startTimer';
  /** Epoch ms. */
  fireAt: number;
}

export interface LaunchSubprocessEffect extends EffectBase {
  type: 'launchSubprocess';
  definitionId: string;
  inputs: Record<string, ProcessValue>;
  /** The child's depth (parent + 1); the server passes it to `launchInstance`. */
  depth: number;
  waitForCompletion: boolean;
  /** The server returns the child's process variables keyed by name (`from`). */
  outputs: OutputMapping[];
}

/** The instance no longer waits on `effectId` (cancelled): withdraw the work item, stop the timer, cancel the child. */
export interface WithdrawEffect extends EffectBase {
  type: 'withdraw';
  withdrawn: ProcessEffect['type'];
}

/** Tells a parent instance that this subprocess ended (the server feeds it as `effectCompleted`). */
export interface SubprocessEndedEffect extends EffectBase {
  type: 'subprocessEnded';
  parentInstanceId: string;
  parentEffectId: string;
  status: 'completed' | 'cancelled';
  outputs: Record<string, ProcessValue>;
}

export type ProcessEffect =
  | SendWorkItemEffect
  | InvokeWebServiceEffect
  | RunHandlerEffect
  | SendEmailEffect
  | DatabaseQueryEffect
  | StartTimerEffect
  | LaunchSubprocessEffect
  | WithdrawEffect
  | SubprocessEndedEffect;

export type ProcessEffectType = ProcessEffect['type'];

/** What the server feeds back into `advance`. */
export type ProcessInput =
  | { type: 'effectCompleted'; effectId: string; outputs: Record<string, unknown> }
  | { type: 'effectFailed'; effectId: string; error: { message: string } }
  | { type: 'workItemSubmitted'; effectId: string; button: string; data: Record<string, unknown>; userId?: string }
  | { type: 'timerFired'; effectId: string }
  | { type: 'retry' }
  | { type: 'cancel'; reason?: string };

/** What happened in a step, for the monitor topic and reporting. Values never appear here. */
export type ProcessEvent =
  | { type: 'instance.started'; instanceId: string; at: number }
  | { type: 'action.executed'; instanceId: string; actionId: string; kind: string; at: number }
  | { type: 'state.changed'; instanceId: string; from: string; to: string; at: number }
  | { type: 'instance.waiting'; instanceId: string; effectId: string; effectType: ProcessEffectType; at: number }
  | { type: 'instance.failed'; instanceId: string; actionId: string | null; message: string; at: number }
  | { type: 'instance.completed'; instanceId: string; at: number }
  | { type: 'instance.cancelled'; instanceId: string; at: number }
  | { type: 'instance.logged'; instanceId: string; actionId: string; message: string; at: number };

/** The outcome of one step: the server commits `instance` (and runs `effects`) before the next step. */
export interface StepResult {
  instance: ProcessInstance;
  effects: ProcessEffect[];
  events: ProcessEvent[];
}
