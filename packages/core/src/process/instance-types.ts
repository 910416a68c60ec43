import type { ProcessValue } from './definition-types.js';
import type { ProcessEffect } from './effect-types.js';

/** Version of the saved instance shape; `migrateInstance` brings older saved instances up to it. */
export const INSTANCE_SCHEMA_VERSION = 1;

/**
 * - `running`: between steps only while `advance` works; never saved.
 * - `waiting`: waits on `pending` (an effect the server runs).
 * - `error`: an action failed (`error` says why); `retry` re-runs it, re-issuing the same effect id.
 * - `completed`, `cancelled`: final.
 */
export type InstanceStatus = 'running' | 'waiting' | 'error' | 'completed' | 'cancelled';

/** Where execution stands in one list of actions: `path` from the frame owner (`['actions', 2, 'then']`). */
export interface Block {
  path: (string | number)[];
  index: number;
  /** Iterations done, for a loop body block. */
  iterations?: number;
}

/** A state or task activation. The first frame is always the current state's. */
export interface Frame {
  kind: 'state' | 'task';
  /** State or task id. */
  owner: string;
  /** State or task local variables. */
  locals: Record<string, ProcessValue>;
  /** Innermost block last; an empty list means the owner's actions are done. */
  blocks: Block[];
  /** For a task frame: the caller's action id (its Call Task), whose outputs receive the task's. */
  callerActionId?: string;
}

/** The effect an instance waits on, kept so the same effect (same id) can be re-issued on retry. */
export interface PendingEffect {
  effect: ProcessEffect;
  issuedAt: number;
  /** Path of the issuing action within the owner of the top frame (`['actions', 2, 'then', 0]`). */
  actionPath: (string | number)[];
  /** The server restored this in-flight web service or handler action after an outage. */
  restoredInError?: boolean;
}

export interface InstanceError {
  message: string;
  /** Action the error arose in. */
  actionId?: string;
  /** Path of the action in the definition (`states[0].actions[2]`). */
  actionPath?: string;
  effectId?: string;
  /** Whether `retry` may resume it. */
  retryable: boolean;
  at: number;
}

/** One line of the action history shown by the monitor. Values appear only for `logToReporting` variables. */
export interface HistoryEntry {
  at: number;
  actionId: string;
  kind: string;
  /** What happened, free of secret values. */
  outcome: string;
}

/** A running or finished process instance: plain JSON the server commits after every step. */
export interface ProcessInstance {
  schemaVersion: 1;
  id: string;
  definitionId: string;
  definitionVersion: number;
  status: InstanceStatus;
  /** User who launched it, or null (website, handler, parent process). */
  originator: string | null;
  parent?: { instanceId: string; effectId: string };
  /** 0 for a top-level instance; a subprocess is its parent's depth + 1. */
  depth: number;
  /** Current state id. */
  state: string;
  startedAt: number;
  updatedAt: number;
  endedAt?: number;
  /** Process-scope variables. */
  variables: Record<string, ProcessValue>;
  frames: Frame[];
  pending: PendingEffect | null;
  error: InstanceError | null;
  /** Next effect sequence number: effect ids are `<instance id>.<seq>`, stable across retries. */
  nextEffectSeq: number;
  /** The latest history entries (at most `HISTORY_LIMIT`). */
  history: HistoryEntry[];
}

/** History entries an instance keeps. */
export const HISTORY_LIMIT = 200;
