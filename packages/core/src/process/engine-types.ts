import { SERVER_PARAMETERS } from '../directory/server-parameters.js';
import type { Clock } from '../ports/clock.js';

/** Bounds that keep a bad definition from running away. */
export interface ProcessLimits {
  /** `PAS_DepthThreshold`: deepest subprocess nesting (default 10, the server parameter's default). */
  depthThreshold: number;
  /** Internal actions one step may run before the instance goes in error (default 10,000). */
  maxActionsPerStep: number;
  /** Iterations of a loop without its own `maxIterations` (default 1,000). */
  defaultLoopIterations: number;
  /** Nested task calls (default 50). */
  maxCallDepth: number;
}

export const DEFAULT_PROCESS_LIMITS: ProcessLimits = {
  // The server parameter catalogue holds the default, so the two cannot drift apart.
  depthThreshold: Number(SERVER_PARAMETERS['PAS_DepthThreshold']?.default ?? 10),
  maxActionsPerStep: 10_000,
  defaultLoopIterations: 1_000,
  maxCallDepth: 50,
};

/** What a step may use from outside: the clock (now(), timers, history) and the limits. */
export interface AdvanceContext {
  clock: Clock;
  limits?: Partial<ProcessLimits>;
}

/** How the server launches an instance. */
export interface LaunchOptions {
  /** From the server's `IdSource`. */
  instanceId: string;
  /** The published version being launched. */
  definitionVersion: number;
  originator: string | null;
  /** Values for the definition's `inputs`, checked and converted to their types. */
  inputs?: Record<string, unknown>;
  /** Set when a parent instance launches this one through Launch Subprocess. */
  parent?: { instanceId: string; effectId: string; depth: number };
}
