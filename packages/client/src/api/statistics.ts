import type { TandemClient } from '../tandem-client.js';

export interface Durations {
  totalMs: number;
  averageMs: number | null;
  longestMs: number | null;
}

interface Span {
  start: number;
  end: number;
}

export interface WorkgroupInterval extends Span {
  received: number;
  answered: number;
  answeredWithinTarget: number;
  abandoned: number;
  flowedOut: number;
  completed: number;
  held: number;
  talk: Durations;
  hold: Durations;
  wait: Durations;
  serviceLevelPercent: number | null;
  abandonRatePercent: number | null;
  averageHandleMs: number | null;
}

export interface AgentInterval extends Span {
  received: number;
  answered: number;
  notAnswered: number;
  completed: number;
  held: number;
  talk: Durations;
  hold: Durations;
}

export type IntervalName = 'currentShift' | 'previousShift' | 'currentPeriod' | 'previousPeriod';
export type IntervalSet<T> = Record<IntervalName, T>;

/** `GET /api/v1/statistics/workgroups/{id}` and the data of `statistics.workgroup` events. */
export interface WorkgroupStatistics {
  workgroupId: string;
  at: number;
  serviceLevelSeconds: number;
  intervals: IntervalSet<WorkgroupInterval>;
  live: {
    waiting: number;
    alerting: number;
    longestWaitingMs: number | null;
    longestTalkMs: number | null;
    agents: { loggedOn: number; available: number; idle: number; onAcd: number; inAcw: number };
  };
  estimatedWait: { seconds: number | null; method: string; handleTimeFrom?: string };
}

/** `GET /api/v1/statistics/agents/{id}` and the data of `statistics.agent` events. */
export interface AgentStatistics {
  userId: string;
  at: number;
  workgroups: { workgroupId: string; intervals: IntervalSet<AgentInterval> }[];
  nonAcd: IntervalSet<AgentInterval>;
}

export function getWorkgroupStatistics(client: TandemClient, workgroupId: string): Promise<WorkgroupStatistics> {
  return client.request('GET', `/api/v1/statistics/workgroups/${encodeURIComponent(workgroupId)}`);
}

export function getAgentStatistics(client: TandemClient, userId: string): Promise<AgentStatistics> {
  return client.request('GET', `/api/v1/statistics/agents/${encodeURIComponent(userId)}`);
}
