import type { DirectoryUser, UserStatusView, WorkgroupStatistics } from '@tandem/client';
import { describe, expect, it } from 'vitest';
import { widgetSnippet } from '../src/features/admin/widget-snippet.js';
import {
  applyStatus,
  filterDirectory,
  toneOf,
  NO_FILTER,
  type StatusFlags,
} from '../src/features/directory/directory-model.js';
import {
  overviewRowOf,
  newer,
  overviewTotals,
  statisticsWorkgroups,
  viewableAgents,
} from '../src/features/statistics/statistics-model.js';

const aUser = (id: string, displayName: string, workgroups: string[] = [], over: Partial<DirectoryUser> = {}) => ({
  id,
  displayName,
  phones: {},
  workgroups,
  ...over,
});
const aStatus = (userId: string, statusId: string, over: Partial<UserStatusView> = {}): UserStatusView => ({
  userId,
  statusId,
  statusText: statusId,
  changedAt: 0,
  changedBy: 'system',
  loggedOn: true,
  timeInStatusSeconds: 0,
  ...over,
});

describe('the company directory', () => {
  const entries = [
    {
      user: aUser('agent2', 'Bruno Okafor', ['Sales', 'Support'], { businessEmail: 'bruno@x.example' }),
      status: aStatus('agent2', 'available'),
    },
    {
      user: aUser('agent1', 'Ada Lindqvist', ['Sales'], { phones: { mobile: '+46 70 123' } }),
      status: aStatus('agent1', 'gone-home', { loggedOn: false }),
    },
    { user: aUser('agent3', 'Chen Wei', ['Support']), status: undefined },
  ];

  it('lists everyone by name when nothing is filtered', () => {
    expect(filterDirectory(entries, NO_FILTER).map((e) => e.user.id)).toEqual(['agent1', 'agent2', 'agent3']);
  });

  it('finds users by every word typed, in name, e-mail, phone, workgroup or status', () => {
    const ids = (text: string) => filterDirectory(entries, { ...NO_FILTER, text }).map((e) => e.user.id);
    expect(ids('bruno X.EXAMPLE')).toEqual(['agent2']);
    expect(ids('70 123')).toEqual(['agent1']);
    expect(ids('available')).toEqual(['agent2']);
    expect(ids('bruno chen')).toEqual([]);
    expect(ids('chen support')).toEqual(['agent3']);
  });

  it('narrows to a workgroup and to logged-on users', () => {
    expect(filterDirectory(entries, { ...NO_FILTER, workgroup: 'Support' }).map((e) => e.user.id)).toEqual([
      'agent2',
      'agent3',
    ]);
    expect(filterDirectory(entries, { ...NO_FILTER, loggedOnOnly: true }).map((e) => e.user.id)).toEqual(['agent2']);
  });

  it('shows a status by its flags, and logged-off users as off whatever their status', () => {
    const flags = new Map<string, StatusFlags>([
      ['available', { id: 'available', text: 'Available', available: true, availableForAcd: true }],
      ['dnd', { id: 'dnd', text: 'Do not disturb', available: false, availableForAcd: false, doNotDisturb: true }],
      ['lunch', { id: 'lunch', text: 'At lunch', available: false, availableForAcd: false }],
    ]);
    expect(toneOf(aStatus('a', 'available'), flags)).toBe('acd');
    expect(toneOf(aStatus('a', 'dnd'), flags)).toBe('busy');
    expect(toneOf(aStatus('a', 'lunch'), flags)).toBe('away');
    expect(toneOf(aStatus('a', 'available', { loggedOn: false }), flags)).toBe('off');
    expect(toneOf(undefined, flags)).toBe('off');
  });

  it('takes a status change without touching the map it came from', () => {
    const before = new Map([['agent1', aStatus('agent1', 'gone-home')]]);
    const after = applyStatus(before, aStatus('agent1', 'available'));
    expect(after.get('agent1')?.statusId).toBe('available');
    expect(before.get('agent1')?.statusId).toBe('gone-home');
  });
});

const interval = (over: Record<string, unknown> = {}) => ({
  start: 0,
  end: 1,
  received: 0,
  answered: 0,
  answeredWithinTarget: 0,
  abandoned: 0,
  flowedOut: 0,
  completed: 0,
  held: 0,
  talk: { totalMs: 0, averageMs: null, longestMs: null },
  hold: { totalMs: 0, averageMs: null, longestMs: null },
  wait: { totalMs: 0, averageMs: null, longestMs: null },
  serviceLevelPercent: null,
  abandonRatePercent: null,
  averageHandleMs: null,
  ...over,
});
const aWorkgroupStats = (
  workgroupId: string,
  period: Record<string, unknown>,
  live: Partial<WorkgroupStatistics['live']> = {},
) =>
  ({
    workgroupId,
    at: 0,
    serviceLevelSeconds: 20,
    intervals: {
      currentShift: interval(),
      previousShift: interval(),
      currentPeriod: interval(period),
      previousPeriod: interval(),
    },
    live: {
      waiting: 0,
      alerting: 0,
      longestWaitingMs: null,
      longestTalkMs: null,
      agents: { loggedOn: 0, available: 0, idle: 0, onAcd: 0, inAcw: 0 },
      ...live,
    },
    estimatedWait: { seconds: null, method: 'no-agents' },
  }) as WorkgroupStatistics;

describe('statistics', () => {
  it('shows the workgroups with a Statistics right or supervised by the user, not those one is only a member of', () => {
    const workgroups = [
      { id: 'Loans', supervisors: [] },
      { id: 'Sales', supervisors: ['sup'] },
      { id: 'Support', supervisors: [] },
    ];
    const right = { type: 'object', object: 'workgroup', target: 'Support', access: 'statistics' };
    expect(statisticsWorkgroups([right], 'sup', workgroups)).toEqual(['Sales', 'Support']);
    expect(statisticsWorkgroups([{ ...right, target: '*' }], 'x', workgroups)).toEqual(['Loans', 'Sales', 'Support']);
    expect(statisticsWorkgroups([{ ...right, access: 'view' }], 'x', workgroups)).toEqual([]);
  });

  it("lets a supervisor follow an agent only when every one of the agent's workgroups is in view", () => {
    const workgroups = [
      { id: 'Sales', supervisors: [] },
      { id: 'Support', supervisors: [] },
    ];
    const users = [
      { id: 'agent1', workgroups: ['Sales'] },
      { id: 'agent2', workgroups: ['Sales', 'Support'] },
      { id: 'boss', workgroups: [] },
    ];
    const sales = { type: 'object', object: 'workgroup', target: 'Sales', access: 'statistics' };
    const supervisorMode = { type: 'security', right: 'supervisor-features' };
    expect(viewableAgents([sales, supervisorMode], 'boss', users, workgroups)).toEqual(['agent1', 'boss']);
    expect(viewableAgents([sales], 'boss', users, workgroups)).toEqual(['boss']);
    expect(viewableAgents([{ ...sales, target: '*' }, supervisorMode], 'boss', users, workgroups)).toEqual([
      'agent1',
      'agent2',
      'boss',
    ]);
  });

  it('keeps a live reading when an older REST answer arrives after it', () => {
    const live = { at: 2000, waiting: 3 };
    const rest = { at: 1000, waiting: 1 };
    expect(newer(live, rest)).toBe(live);
    expect(newer(rest, live)).toBe(live);
    expect(newer(undefined, rest)).toBe(rest);
  });

  it('adds up the overview: counts summed, the longest wait, service level over all answered', () => {
    const sales = aWorkgroupStats(
      'Sales',
      { received: 10, answered: 8, answeredWithinTarget: 6, wait: { totalMs: 8000, averageMs: 1000, longestMs: 3000 } },
      { waiting: 2, longestWaitingMs: 40_000 },
    );
    const support = aWorkgroupStats(
      'Support',
      { received: 4, answered: 2, answeredWithinTarget: 2, wait: { totalMs: 8000, averageMs: 4000, longestMs: 5000 } },
      { waiting: 1, longestWaitingMs: 90_000 },
    );
    expect(overviewRowOf(sales, 'currentPeriod')).toMatchObject({ workgroupId: 'Sales', received: 10, waiting: 2 });
    expect(overviewTotals([sales, support], 'currentPeriod')).toMatchObject({
      received: 14,
      answered: 10,
      waiting: 3,
      longestWaitingMs: 90_000,
      serviceLevelPercent: 80,
      averageWaitMs: 1600,
    });
    expect(overviewTotals([sales], 'previousPeriod')).toMatchObject({ serviceLevelPercent: null, averageWaitMs: null });
  });
});

describe('the widget script', () => {
  it('is the two script tags naming the server and the widget', () => {
    expect(widgetSnippet('https://cc.example.com/', 'support')).toBe(
      `<script>window.tandemWidget = { server: 'https://cc.example.com', widgetId: 'support' };</script>\n` +
        `<script src="https://cc.example.com/widget/tandem-widget.js" async></script>`,
    );
  });

  it("escapes a quote in the widget id so the page's script stays whole", () => {
    expect(widgetSnippet('http://localhost:8123', "O'Brien")).toContain(`widgetId: 'O\\'Brien'`);
  });
});
