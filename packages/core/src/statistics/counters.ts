/** A running sum of durations: how many, how long in total, the longest. */
export interface Durations {
  count: number;
  totalMs: number;
  longestMs: number;
}

export const noDurations = (): Durations => ({ count: 0, totalMs: 0, longestMs: 0 });

export function addDuration(d: Durations, ms: number): void {
  const value = Math.max(0, ms);
  d.count += 1;
  d.totalMs += value;
  d.longestMs = Math.max(d.longestMs, value);
}

/**
 * What happened on one workgroup queue during one interval. Each figure counts in the interval in
 * which the thing happened (an answer when it was answered, a talk time when the agent's part
 * ended), so an interaction may be received in one period and answered in the next.
 */
export interface WorkgroupCounters {
  /** Entered the workgroup queue (first routing, a transfer to the workgroup, a callback requeued). */
  received: number;
  /** Picked up from the queue by an agent, member or not. */
  answered: number;
  /** Of `answered`, those picked up within the service-level time of entering the queue. */
  answeredWithinTarget: number;
  /** The customer disconnected while the interaction waited or alerted in the queue, before anyone picked it up. */
  abandoned: number;
  /** Left the queue unanswered in any other way: transferred elsewhere, parked, queue timeout, disconnected by a user. */
  flowedOut: number;
  /** Answered from this queue, then the agent's part ended: disconnected, transferred, parked, snoozed or taken over. */
  completed: number;
  /** Answered from this queue and placed on hold at least once by the agent. */
  held: number;
  /** Connected time of completed interactions, from pickup to the end of the agent's part, minus time on hold. */
  talk: Durations;
  /** Time on hold of completed interactions that were held. */
  hold: Durations;
  /** Time in queue, from entering it to leaving it (answered, abandoned or flowed out), alerting included. */
  wait: Durations;
}

/** What one agent did during one interval, for the interactions of one workgroup (or those outside ACD). */
export interface AgentCounters {
  /** Alerted on the agent's queue; an interaction the agent picked up without being alerted counts too. */
  received: number;
  /** Picked up by the agent. */
  answered: number;
  /** ACD alerts the agent let time out ("ACD - Agent Not Answering"). */
  notAnswered: number;
  /** Picked up by the agent, then the agent's part ended (disconnected, transferred, parked, snoozed, taken over). */
  completed: number;
  /** Picked up by the agent and placed on hold at least once. */
  held: number;
  talk: Durations;
  hold: Durations;
}

export const emptyWorkgroupCounters = (): WorkgroupCounters => ({
  received: 0,
  answered: 0,
  answeredWithinTarget: 0,
  abandoned: 0,
  flowedOut: 0,
  completed: 0,
  held: 0,
  talk: noDurations(),
  hold: noDurations(),
  wait: noDurations(),
});

export const emptyAgentCounters = (): AgentCounters => ({
  received: 0,
  answered: 0,
  notAnswered: 0,
  completed: 0,
  held: 0,
  talk: noDurations(),
  hold: noDurations(),
});

/** Durations as the API shows them; averages and longest are null when nothing was measured ("N/A"). */
export interface DurationFigures {
  totalMs: number;
  averageMs: number | null;
  longestMs: number | null;
}

export function durationFigures(d: Durations): DurationFigures {
  return {
    totalMs: d.totalMs,
    averageMs: d.count === 0 ? null : d.totalMs / d.count,
    longestMs: d.count === 0 ? null : d.longestMs,
  };
}

/** One interval of a workgroup, with the derived rates. */
export interface WorkgroupIntervalFigures {
  start: number;
  end: number;
  received: number;
  answered: number;
  answeredWithinTarget: number;
  abandoned: number;
  flowedOut: number;
  completed: number;
  held: number;
  talk: DurationFigures;
  hold: DurationFigures;
  wait: DurationFigures;
  /**
   * Service level, percent: answered within the time limit ÷ all interactions that left the queue
   * in the interval (answered + abandoned + flowed out). Null when none left it. The manual's
   * "percentage of all interactions in the queue that agents picked up before the limit".
   */
  serviceLevelPercent: number | null;
  /** Abandon rate, percent: abandoned ÷ all that left the queue in the interval. Null when none left it. */
  abandonRatePercent: number | null;
  /** Average handle time, talk plus hold per completed interaction; null when none completed. */
  averageHandleMs: number | null;
}

export interface AgentIntervalFigures {
  start: number;
  end: number;
  received: number;
  answered: number;
  notAnswered: number;
  completed: number;
  held: number;
  talk: DurationFigures;
  hold: DurationFigures;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : (100 * part) / whole);

export function workgroupFigures(
  c: WorkgroupCounters,
  interval: { start: number; end: number },
): WorkgroupIntervalFigures {
  const left = c.answered + c.abandoned + c.flowedOut;
  return {
    start: interval.start,
    end: interval.end,
    received: c.received,
    answered: c.answered,
    answeredWithinTarget: c.answeredWithinTarget,
    abandoned: c.abandoned,
    flowedOut: c.flowedOut,
    completed: c.completed,
    held: c.held,
    talk: durationFigures(c.talk),
    hold: durationFigures(c.hold),
    wait: durationFigures(c.wait),
    serviceLevelPercent: percent(c.answeredWithinTarget, left),
    abandonRatePercent: percent(c.abandoned, left),
    averageHandleMs: c.talk.count === 0 ? null : (c.talk.totalMs + c.hold.totalMs) / c.talk.count,
  };
}

export function agentFigures(c: AgentCounters, interval: { start: number; end: number }): AgentIntervalFigures {
  return {
    start: interval.start,
    end: interval.end,
    received: c.received,
    answered: c.answered,
    notAnswered: c.notAnswered,
    completed: c.completed,
    held: c.held,
    talk: durationFigures(c.talk),
    hold: durationFigures(c.hold),
  };
}
