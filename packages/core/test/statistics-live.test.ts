import { describe, expect, it } from 'vitest';
import {
  StatisticsEngine,
  agentGauges,
  agentStatistics,
  estimateWait,
  queueGauges,
  resolveStatisticsSettings,
  workgroupStatistics,
  type EstimateInput,
  type Interaction,
  type MemberFacts,
} from '../src/index.js';
import { aWorld } from './interactions-builders.js';

/** A member logged on, activated, Available and carrying nothing, unless told otherwise. */
const aMember = (userId: string, facts: Partial<MemberFacts> = {}): MemberFacts => ({
  userId,
  loggedOn: true,
  activated: true,
  availableForAcd: true,
  followUp: false,
  carriesNothing: true,
  ...facts,
});

/** Live Sales interactions at 09:00 on the fake clock; `now` moves on from there. */
function someInteractions() {
  const w = aWorld();
  const first = w.waiting();
  w.advance(30);
  const alerting = w.run(w.waiting(), { type: 'alert-agent', userId: 'agent1' }).interaction;
  w.advance(10);
  const assigned = w.assigned('agent2');
  const heldByAgent1 = w.run(w.assigned('agent1'), { type: 'hold' }, 'agent1').interaction;
  return { w, list: [first, alerting, assigned, heldByAgent1] as Interaction[] };
}

describe('queue gauges', () => {
  it('count the chats waiting or alerting in the queue and the longest time one has waited', () => {
    const { w, list } = someInteractions();
    const g = queueGauges(list, w.clock.now() + 5_000).get('Sales');
    expect(g).toMatchObject({ waiting: 2, alerting: 1, longestWaitingMs: 45_000 });
  });

  it('show no longest waiting (N/A) when nothing waits', () => {
    const { w, list } = someInteractions();
    const g = queueGauges(list.slice(2), w.clock.now()).get('Sales');
    expect(g).toMatchObject({ waiting: 0, longestWaitingMs: null });
  });

  it('count the agents working chats answered from the queue, holding ones included', () => {
    const { w, list } = someInteractions();
    expect([...queueGauges(list, w.clock.now()).get('Sales')!.onAcd].sort()).toEqual(['agent1', 'agent2']);
  });

  it('count an agent with an open wrap-up prompt as in after-call work', () => {
    const w = aWorld();
    const ended = w.run(w.assigned('agent1'), { type: 'disconnect', by: 'local' }, 'agent1').interaction;
    const g = queueGauges([ended], w.clock.now()).get('Sales');
    expect([...g!.wrappingUp]).toEqual(['agent1']);
    expect(g!.onAcd.size).toBe(0);
  });
});

describe('agent gauges', () => {
  it('count logged on and activated members, those available for ACD, and those idle', () => {
    const g = agentGauges(
      [
        aMember('a'),
        aMember('b', { carriesNothing: false }),
        aMember('c', { availableForAcd: false }),
        aMember('d', { activated: false }),
        aMember('e', { loggedOn: false }),
      ],
      undefined,
    );
    expect(g).toEqual({ loggedOn: 3, available: 2, idle: 1, onAcd: 0, inAcw: 0 });
  });

  it('count members in a Follow-Up status or wrapping up as in after-call work, and not as idle', () => {
    const { w, list } = someInteractions();
    const queue = queueGauges(list, w.clock.now()).get('Sales');
    queue!.wrappingUp.add('c');
    const g = agentGauges(
      [aMember('agent1'), aMember('b', { followUp: true, availableForAcd: false }), aMember('c')],
      queue,
    );
    expect(g).toEqual({ loggedOn: 3, available: 2, idle: 0, onAcd: 1, inAcw: 2 });
  });
});

describe('estimated wait', () => {
  const input = (i: Partial<EstimateInput> = {}): EstimateInput => ({
    waiting: 0,
    available: 2,
    idle: 0,
    currentShiftHandleMs: null,
    previousShiftHandleMs: null,
    defaultHandleMs: 180_000,
    ...i,
  });

  it('is zero when more agents are idle than interactions wait', () => {
    expect(estimateWait(input({ waiting: 1, idle: 2 }))).toEqual({ seconds: 0, method: 'idle-agent' });
  });

  it('is the work ahead, one handle time each, shared by the available agents', () => {
    // Three waiting, one of them taken by the idle agent: two ahead plus itself, 120 s each, over 2 agents.
    expect(estimateWait(input({ waiting: 3, idle: 1, currentShiftHandleMs: 120_000 }))).toEqual({
      seconds: 180,
      method: 'queue-position',
      handleTimeFrom: 'current-shift',
    });
  });

  it('takes the previous shift’s handle time while the current one has none, then the default', () => {
    expect(estimateWait(input({ previousShiftHandleMs: 60_000 }))).toMatchObject({
      seconds: 30,
      handleTimeFrom: 'previous-shift',
    });
    expect(estimateWait(input())).toMatchObject({ seconds: 90, handleTimeFrom: 'default' });
  });

  it('is unknown when no agent is available', () => {
    expect(estimateWait(input({ available: 0, waiting: 4 }))).toEqual({ seconds: null, method: 'no-agents' });
  });
});

describe('a workgroup’s statistics', () => {
  it('put together the interval figures, the live gauges and the estimate', () => {
    const { w, list } = someInteractions();
    const settings = resolveStatisticsSettings({ serviceLevelSeconds: 30, defaultHandleSeconds: 100 });
    const engine = new StatisticsEngine(() => settings, settings);
    const now = w.clock.now();
    const stats = workgroupStatistics({
      workgroupId: 'Sales',
      now,
      settings,
      engine,
      queue: queueGauges(list, now).get('Sales'),
      members: [aMember('agent1', { carriesNothing: false }), aMember('agent2', { carriesNothing: false })],
      longestTalkMs: 12_000,
    });
    expect(stats).toMatchObject({
      workgroupId: 'Sales',
      at: now,
      serviceLevelSeconds: 30,
      live: {
        waiting: 2,
        alerting: 1,
        longestTalkMs: 12_000,
        agents: { loggedOn: 2, available: 2, onAcd: 2, idle: 0 },
      },
      // Two waiting plus the newcomer, 100 s each, two agents: 150 s.
      estimatedWait: { seconds: 150, method: 'queue-position', handleTimeFrom: 'default' },
    });
    expect(stats.intervals.currentShift).toMatchObject({ received: 0, serviceLevelPercent: null });
  });

  it('list an agent’s member workgroups even before any work, and only those the viewer may see', () => {
    const settings = resolveStatisticsSettings();
    const engine = new StatisticsEngine(() => settings, settings);
    const stats = agentStatistics(engine, 'agent2', 0, {
      memberOf: ['Support', 'Sales'],
      mayShow: (wg) => wg !== 'Support',
    });
    expect(stats.workgroups.map((g) => g.workgroupId)).toEqual(['Sales']);
    expect(stats.workgroups[0]?.intervals.currentShift).toMatchObject({ received: 0, answered: 0 });
  });
});
