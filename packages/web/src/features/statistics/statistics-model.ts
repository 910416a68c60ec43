import type { IntervalName, WorkgroupInterval, WorkgroupStatistics } from '@tandem/client';

export const INTERVALS: readonly { id: IntervalName; title: string }[] = [
  { id: 'currentPeriod', title: 'This period' },
  { id: 'previousPeriod', title: 'Previous period' },
  { id: 'currentShift', title: 'This shift' },
  { id: 'previousShift', title: 'Previous shift' },
];

interface RightRecord {
  type?: unknown;
  object?: unknown;
  target?: unknown;
  access?: unknown;
}

/**
 * The workgroups whose statistics the user may see: the Statistics access right on the workgroup
 * (by name or `'*'`), or being one of its supervisors. Membership alone gives none (the server's rule).
 */
export function statisticsWorkgroups(
  rights: unknown,
  userId: string,
  workgroups: readonly { id: string; supervisors: readonly string[] }[],
): string[] {
  const granted = Array.isArray(rights)
    ? (rights as RightRecord[]).filter(
        (r) => r?.type === 'object' && r.object === 'workgroup' && r.access === 'statistics',
      )
    : [];
  const all = granted.some((r) => r.target === '*');
  const named = new Set(granted.map((r) => r.target));
  return workgroups.filter((w) => all || named.has(w.id) || w.supervisors.includes(userId)).map((w) => w.id);
}

/** One row of the supervisor's overview: live gauges and the chosen interval's figures. */
export interface OverviewRow {
  workgroupId: string;
  waiting: number;
  alerting: number;
  longestWaitingMs: number | null;
  agentsLoggedOn: number;
  agentsAvailable: number;
  received: number;
  answered: number;
  abandoned: number;
  serviceLevelPercent: number | null;
  averageWaitMs: number | null;
  averageHandleMs: number | null;
  estimatedWaitSeconds: number | null;
}

export function overviewRowOf(stats: WorkgroupStatistics, interval: IntervalName): OverviewRow {
  const i: WorkgroupInterval = stats.intervals[interval];
  return {
    workgroupId: stats.workgroupId,
    waiting: stats.live.waiting,
    alerting: stats.live.alerting,
    longestWaitingMs: stats.live.longestWaitingMs,
    agentsLoggedOn: stats.live.agents.loggedOn,
    agentsAvailable: stats.live.agents.available,
    received: i.received,
    answered: i.answered,
    abandoned: i.abandoned,
    serviceLevelPercent: i.serviceLevelPercent,
    averageWaitMs: i.wait.averageMs,
    averageHandleMs: i.averageHandleMs,
    estimatedWaitSeconds: stats.estimatedWait.seconds,
  };
}

/** The overview's total line: sums of counts, the longest wait, and service level over all answered. */
export function overviewTotals(stats: readonly WorkgroupStatistics[], interval: IntervalName): OverviewRow {
  const rows = stats.map((s) => overviewRowOf(s, interval));
  const sum = (pick: (r: OverviewRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const within = stats.reduce((n, s) => n + s.intervals[interval].answeredWithinTarget, 0);
  const answered = sum((r) => r.answered);
  const waits = rows.map((r) => r.longestWaitingMs).filter((w): w is number => w !== null);
  return {
    workgroupId: 'All',
    waiting: sum((r) => r.waiting),
    alerting: sum((r) => r.alerting),
    longestWaitingMs: waits.length ? Math.max(...waits) : null,
    agentsLoggedOn: sum((r) => r.agentsLoggedOn),
    agentsAvailable: sum((r) => r.agentsAvailable),
    received: sum((r) => r.received),
    answered,
    abandoned: sum((r) => r.abandoned),
    serviceLevelPercent: answered === 0 ? null : Math.round((within / answered) * 1000) / 10,
    averageWaitMs: weightedAverage(stats.map((s) => s.intervals[interval].wait)),
    averageHandleMs: null,
    estimatedWaitSeconds: null,
  };
}

function weightedAverage(list: readonly { totalMs: number; averageMs: number | null }[]): number | null {
  let total = 0;
  let count = 0;
  for (const d of list)
    if (d.averageMs !== null && d.averageMs > 0) {
      total += d.totalMs;
      count += d.totalMs / d.averageMs;
    }
  return count === 0 ? null : Math.round(total / count);
}

/** `87.5 %`, or a dash when there is nothing to measure. */
export function formatPercent(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 10) / 10} %`;
}

/**
 * The agents whose statistics the user may follow: oneself, and with supervisor mode
 * (`supervisor-features`) every agent all of whose workgroups the user may see the statistics of
 * (a `statistics.agent` event carries all of them, so the server refuses any less).
 */
export function viewableAgents(
  rights: unknown,
  userId: string,
  users: readonly { id: string; workgroups: readonly string[] }[],
  workgroups: readonly { id: string; supervisors: readonly string[] }[],
): string[] {
  const supervisorMode =
    Array.isArray(rights) &&
    (rights as { type?: unknown; right?: unknown }[]).some(
      (r) => r?.type === 'security' && r.right === 'supervisor-features',
    );
  if (!supervisorMode) return [userId];
  const allowed = new Set(statisticsWorkgroups(rights, userId, workgroups));
  return users
    .filter((u) => u.id === userId || (u.workgroups.length > 0 && u.workgroups.every((w) => allowed.has(w))))
    .map((u) => u.id);
}

/** The later of two readings of the same figures (by their time `at`); the second wins a tie. */
export function newer<T extends { at: number }>(old: T | undefined, next: T): T {
  return old !== undefined && old.at > next.at ? old : next;
}
