/** What the wait estimate of a workgroup is made from. */
export interface EstimateInput {
  /** Interactions in the queue not yet answered. */
  waiting: number;
  /** Agents logged on, activated and in an ACD-available status. */
  available: number;
  /** Of those, agents carrying nothing who could take an interaction at once. */
  idle: number;
  /** Average handle time (talk + hold per completed interaction) of the current shift, else null. */
  currentShiftHandleMs: number | null;
  /** The same of the previous shift, else null. */
  previousShiftHandleMs: number | null;
  /** Assumed while neither shift has completed anything. */
  defaultHandleMs: number;
}

export interface WaitEstimate {
  /** Seconds a new arrival would likely wait; null when no agent is available to answer it. */
  seconds: number | null;
  /**
   * How it was made: `idle-agent` (an agent is free and nobody waits ahead: 0), `queue-position`
   * (the position model below), `no-agents` (nobody available: unknown).
   */
  method: 'idle-agent' | 'queue-position' | 'no-agents';
  /** Where the handle time came from, for `queue-position`. */
  handleTimeFrom?: 'current-shift' | 'previous-shift' | 'default';
}

/**
 * Estimated wait of a new arrival in a workgroup queue. When more agents are idle than
 * interactions wait, zero. Otherwise the queue-position model: the interactions ahead of it that
 * idle agents cannot take at once, plus itself, each take an average handle time, served by the
 * available agents in parallel:
 *
 *     seconds = ceil( (waiting - idle + 1) × AHT ÷ available )
 *
 * AHT is the current shift's average handle time, else the previous shift's, else
 * `defaultHandleMs`. With no agent available the estimate is null: nobody will answer.
 * It assumes one interaction per agent at a time, so it overestimates for chats an agent carries
 * several of, and it ignores skills (every available agent is taken to fit).
 */
export function estimateWait(input: EstimateInput): WaitEstimate {
  if (input.available <= 0) return { seconds: null, method: 'no-agents' };
  if (input.idle > input.waiting) return { seconds: 0, method: 'idle-agent' };
  const [handleMs, handleTimeFrom] =
    input.currentShiftHandleMs !== null
      ? [input.currentShiftHandleMs, 'current-shift' as const]
      : input.previousShiftHandleMs !== null
        ? [input.previousShiftHandleMs, 'previous-shift' as const]
        : [input.defaultHandleMs, 'default' as const];
  const ahead = Math.max(0, input.waiting - input.idle) + 1;
  return { seconds: Math.ceil((ahead * handleMs) / input.available / 1000), method: 'queue-position', handleTimeFrom };
}
