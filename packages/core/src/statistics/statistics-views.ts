import type { AgentIntervalFigures, WorkgroupIntervalFigures } from './counters.js';
import { estimateWait, type WaitEstimate } from './estimated-wait.js';
import { agentGauges, type AgentGauges, type MemberFacts, type QueueGauges } from './live-gauges.js';
import type { IntervalSet } from './rolling-intervals.js';
import type { StatisticsEngine } from './statistics-engine.js';
import type { ResolvedStatisticsSettings } from './statistics-settings.js';

/** A workgroup's statistics as the API and the `statistics` topic show them. */
export interface WorkgroupStatistics {
  workgroupId: string;
  /** The time the figures are as of (epoch ms); clients add the time since to the live durations. */
  at: number;
  serviceLevelSeconds: number;
  intervals: IntervalSet<WorkgroupIntervalFigures>;
  live: {
    waiting: number;
    alerting: number;
    longestWaitingMs: number | null;
    /** The longest time any interaction answered from the queue has been connected, now; null when none. */
    longestTalkMs: number | null;
    agents: AgentGauges;
  };
  estimatedWait: WaitEstimate;
}

/** An agent's statistics: per workgroup the agent worked ACD interactions of, and outside ACD. */
export interface AgentStatistics {
  userId: string;
  at: number;
  workgroups: { workgroupId: string; intervals: IntervalSet<AgentIntervalFigures> }[];
  nonAcd: IntervalSet<AgentIntervalFigures>;
}

export interface WorkgroupStatisticsInput {
  workgroupId: string;
  now: number;
  settings: ResolvedStatisticsSettings;
  engine: StatisticsEngine;
  queue: QueueGauges | undefined;
  members: readonly MemberFacts[];
  longestTalkMs: number | undefined;
}

/** Puts together a workgroup's interval figures, live gauges and wait estimate. */
export function workgroupStatistics(input: WorkgroupStatisticsInput): WorkgroupStatistics {
  const { workgroupId, now, settings, queue } = input;
  const intervals = input.engine.workgroupFigures(workgroupId, now);
  const agents = agentGauges(input.members, queue);
  const waiting = queue?.waiting ?? 0;
  return {
    workgroupId,
    at: now,
    serviceLevelSeconds: settings.serviceLevelSeconds,
    intervals,
    live: {
      waiting,
      alerting: queue?.alerting ?? 0,
      longestWaitingMs: queue?.longestWaitingMs ?? null,
      longestTalkMs: input.longestTalkMs ?? null,
      agents,
    },
    estimatedWait: estimateWait({
      waiting,
      available: agents.available,
      idle: agents.idle,
      currentShiftHandleMs: intervals.currentShift.averageHandleMs,
      previousShiftHandleMs: intervals.previousShift.averageHandleMs,
      defaultHandleMs: settings.defaultHandleSeconds * 1000,
    }),
  };
}

/**
 * An agent's figures in each workgroup the agent is a member of (`memberOf`) or has worked in,
 * that `mayShow` lets the viewer see (all by default), sorted by workgroup id; and outside ACD.
 */
export function agentStatistics(
  engine: StatisticsEngine,
  userId: string,
  now: number,
  options: { memberOf?: readonly string[]; mayShow?: (workgroupId: string) => boolean } = {},
): AgentStatistics {
  const ids = new Set([...(options.memberOf ?? []), ...engine.agentWorkgroups(userId)]);
  const workgroups = [...ids]
    .filter((workgroupId) => options.mayShow?.(workgroupId) ?? true)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((workgroupId) => ({ workgroupId, intervals: engine.agentFigures(userId, workgroupId, now) }));
  return { userId, at: now, workgroups, nonAcd: engine.agentFigures(userId, undefined, now) };
}
