import { describe, expect, it } from 'vitest';
import {
  StatisticsEngine,
  UNKNOWN_AGENT,
  resolveStatisticsSettings,
  statisticsEventsFromLog,
  statisticsEventsOf,
  type Interaction,
  type InteractionCommand,
  type NameLookup,
  type QueueRef,
  type ResolvedStatisticsSettings,
  type StatisticsSettings,
} from '../src/index.js';
import { aWorld, type InteractionWorld } from './interactions-builders.js';

/**
 * Statistics over real interactions: commands run through core's state machine on a fake clock
 * (Monday 2026-01-05 09:00 UTC), and every change feeds the engine as the server would.
 * Sales prompts for wrap-up; agent1 and agent2 are its members; outsider is not.
 */
class StatsWorld {
  readonly w: InteractionWorld = aWorld();
  readonly settings: ResolvedStatisticsSettings;
  readonly engine: StatisticsEngine;
  /** Every interaction as it is now, for replaying logs. */
  readonly all = new Map<string, Interaction>();

  constructor(overrides: Partial<StatisticsSettings> = {}) {
    this.settings = resolveStatisticsSettings(overrides);
    this.engine = new StatisticsEngine(() => this.settings, this.settings);
  }

  run(ix: Interaction, command: InteractionCommand, who = 'system'): Interaction {
    const r = this.w.run(ix, command, who);
    this.engine.apply(r.interaction.id, r.interaction.version, statisticsEventsOf(r.events, r.interaction));
    this.all.set(r.interaction.id, r.interaction);
    return r.interaction;
  }

  /** A chat entering a workgroup queue now. */
  arrives(workgroupId = 'Sales'): Interaction {
    return this.run(this.w.create({ workgroupId }), { type: 'enqueue', workgroupId });
  }

  alert = (ix: Interaction, userId: string) => this.run(ix, { type: 'alert-agent', userId });
  pickup = (ix: Interaction, userId: string) => this.run(ix, { type: 'pickup' }, userId);
  hold = (ix: Interaction) => this.run(ix, { type: 'hold' }, ix.userId);
  unhold = (ix: Interaction) => this.run(ix, { type: 'unhold' }, ix.userId);
  /** Transfers as the server would on a user's behalf (rights are the routes' business, not the statistics'). */
  transfer = (ix: Interaction, target: QueueRef) => this.run(ix, { type: 'transfer', target });
  hangsUp = (ix: Interaction) => this.run(ix, { type: 'disconnect', by: 'remote' });
  endsIt = (ix: Interaction) => this.run(ix, { type: 'disconnect', by: 'local' }, ix.userId);

  /** Alerted to `userId` and picked up after `seconds`. */
  answered(userId: string, seconds = 5, workgroupId = 'Sales'): Interaction {
    const ix = this.alert(this.arrives(workgroupId), userId);
    this.advance(seconds);
    return this.pickup(ix, userId);
  }

  advance(seconds: number): this {
    this.w.advance(seconds);
    return this;
  }

  get now(): number {
    return this.w.clock.now();
  }

  shift(workgroupId = 'Sales') {
    return this.engine.workgroupFigures(workgroupId, this.now).currentShift;
  }

  period(workgroupId = 'Sales') {
    return this.engine.workgroupFigures(workgroupId, this.now);
  }

  agentShift(userId: string, workgroupId = 'Sales') {
    return this.engine.agentFigures(userId, workgroupId, this.now).currentShift;
  }

  /** The agent's figures outside ACD. */
  nonAcdShift(userId: string) {
    return this.engine.agentFigures(userId, undefined, this.now).currentShift;
  }

  /** The directory's names, for replaying logs. */
  names(): NameLookup {
    const users = this.w.directory.list('users');
    const groups = this.w.directory.list('workgroups');
    return {
      usersNamed: (name) => users.filter((u) => u.displayName === name).map((u) => u.id),
      workgroupsNamed: (name) => groups.filter((g) => g.displayName === name).map((g) => g.id),
      userExists: (id) => users.some((u) => u.id === id),
      workgroupExists: (id) => groups.some((g) => g.id === id),
    };
  }

  /** A fresh engine rebuilt from the logs of every interaction so far. */
  rebuilt(names = this.names()): StatisticsEngine {
    const engine = new StatisticsEngine(() => this.settings, this.settings);
    engine.replay(
      [...this.all.values()].map((ix) => ({
        interactionId: ix.id,
        version: ix.version,
        events: statisticsEventsFromLog(ix, names),
      })),
    );
    return engine;
  }
}

const toSupport: QueueRef = { type: 'workgroup', id: 'Support' };

describe('workgroup statistics', () => {
  it('counts a chat as received when it enters the workgroup queue', () => {
    const s = new StatsWorld();
    s.arrives();
    s.arrives();
    expect(s.shift()).toMatchObject({ received: 2, answered: 0, abandoned: 0, flowedOut: 0 });
  });

  it('counts a pickup as answered, and as within the service level when it came within 20 seconds of entering the queue', () => {
    const s = new StatsWorld();
    s.answered('agent1', 20);
    s.answered('agent2', 21);
    expect(s.shift()).toMatchObject({ answered: 2, answeredWithinTarget: 1, serviceLevelPercent: 50 });
    expect(s.shift().wait).toEqual({ totalMs: 41_000, averageMs: 20_500, longestMs: 21_000 });
  });

  it('measures the service level against the workgroup’s own time limit', () => {
    const s = new StatsWorld({ serviceLevelSeconds: 30 });
    s.answered('agent1', 25);
    expect(s.shift()).toMatchObject({ answeredWithinTarget: 1, serviceLevelPercent: 100 });
  });

  it('counts a chat as abandoned when the customer disconnects while it waits, with its time in queue', () => {
    const s = new StatsWorld();
    const ix = s.arrives();
    s.advance(40).hangsUp(ix);
    expect(s.shift()).toMatchObject({ abandoned: 1, flowedOut: 0, abandonRatePercent: 100, serviceLevelPercent: 0 });
    expect(s.shift().wait.longestMs).toBe(40_000);
  });

  it('counts a chat as abandoned when the customer leaves while it is alerting an agent', () => {
    const s = new StatsWorld();
    const ix = s.alert(s.arrives(), 'agent1');
    s.advance(3).hangsUp(ix);
    expect(s.shift()).toMatchObject({ abandoned: 1, answered: 0 });
    expect(s.agentShift('agent1')).toMatchObject({ received: 1, answered: 0, completed: 0 });
  });

  it('counts a chat transferred out of the queue before anyone answered as flowed out, and received where it went', () => {
    const s = new StatsWorld();
    s.advance(8).transfer(s.arrives(), toSupport);
    expect(s.shift()).toMatchObject({ received: 1, flowedOut: 1, abandoned: 0, answered: 0 });
    expect(s.shift('Support')).toMatchObject({ received: 1 });
  });

  it('counts a queue timeout as flowed out, not abandoned', () => {
    const s = new StatsWorld();
    s.advance(300).run(s.arrives(), { type: 'queue-timeout' });
    expect(s.shift()).toMatchObject({ flowedOut: 1, abandoned: 0 });
  });

  it('counts a chat as completed when the agent’s part ends, with its talk time excluding time on hold', () => {
    const s = new StatsWorld();
    let ix = s.answered('agent1');
    ix = s.advance(60).hold(ix);
    ix = s.advance(30).unhold(ix);
    s.advance(90).endsIt(ix);
    expect(s.shift()).toMatchObject({ completed: 1, held: 1, averageHandleMs: 180_000 });
    expect(s.shift().talk).toEqual({ totalMs: 150_000, averageMs: 150_000, longestMs: 150_000 });
    expect(s.shift().hold).toEqual({ totalMs: 30_000, averageMs: 30_000, longestMs: 30_000 });
  });

  it('counts held once per agent part however often the agent holds, adding up the time on hold', () => {
    const s = new StatsWorld();
    let ix = s.answered('agent1');
    for (let i = 0; i < 3; i++) {
      ix = s.advance(10).hold(ix);
      ix = s.advance(5).unhold(ix);
    }
    s.endsIt(ix);
    expect(s.shift()).toMatchObject({ held: 1, completed: 1 });
    expect(s.shift().hold).toEqual({ totalMs: 15_000, averageMs: 15_000, longestMs: 15_000 });
    expect(s.shift().talk.totalMs).toBe(30_000);
  });

  it('counts a hold taken back at once as a hold of no time, and none for a part never held', () => {
    const s = new StatsWorld();
    const ix = s.answered('agent1');
    s.endsIt(s.advance(10).unhold(s.hold(ix)));
    s.endsIt(s.answered('agent2'));
    expect(s.shift()).toMatchObject({ held: 1, completed: 2 });
    expect(s.shift().hold).toEqual({ totalMs: 0, averageMs: 0, longestMs: 0 });
    expect(s.agentShift('agent1').hold).toEqual({ totalMs: 0, averageMs: 0, longestMs: 0 });
    expect(s.agentShift('agent2').hold).toEqual({ totalMs: 0, averageMs: null, longestMs: null });
  });

  it('counts a chat the customer leaves while on hold as completed, the hold lasting until then', () => {
    const s = new StatsWorld();
    const answered = s.answered('agent1');
    const ix = s.advance(10).hold(answered);
    s.advance(45).hangsUp(ix);
    expect(s.shift()).toMatchObject({ completed: 1, abandoned: 0, held: 1 });
    expect(s.shift().hold.totalMs).toBe(45_000);
    expect(s.shift().talk.totalMs).toBe(10_000);
  });

  it('counts a transfer to another workgroup after answering as completed here and received there', () => {
    const s = new StatsWorld();
    const ix = s.answered('agent1');
    s.advance(30).transfer(ix, toSupport);
    expect(s.shift()).toMatchObject({ received: 1, answered: 1, completed: 1, flowedOut: 0 });
    expect(s.shift('Support')).toMatchObject({ received: 1, answered: 0 });
  });

  it('takes the service level and abandon rate over all that left the queue', () => {
    const s = new StatsWorld();
    s.answered('agent1', 5);
    s.hangsUp(s.arrives());
    s.transfer(s.arrives(), toSupport);
    s.arrives();
    const f = s.shift();
    expect(f).toMatchObject({ received: 4, answered: 1, abandoned: 1, flowedOut: 1 });
    expect(f.serviceLevelPercent).toBeCloseTo(33.33, 2);
    expect(f.abandonRatePercent).toBeCloseTo(33.33, 2);
  });

  it('shows rates, averages and longest as null when nothing was measured', () => {
    const s = new StatsWorld();
    s.arrives();
    expect(s.shift()).toMatchObject({
      serviceLevelPercent: null,
      abandonRatePercent: null,
      averageHandleMs: null,
      talk: { totalMs: 0, averageMs: null, longestMs: null },
      wait: { totalMs: 0, averageMs: null, longestMs: null },
    });
  });

  it('tells the longest current talk time per workgroup', () => {
    const s = new StatsWorld();
    s.answered('agent1');
    s.advance(50).answered('agent2');
    expect(s.engine.longestTalkNow(s.advance(10).now).get('Sales')).toBe(65_000);
  });
});

describe('agent statistics', () => {
  it('counts an ACD alert as received, and one the agent let time out as not answered', () => {
    const s = new StatsWorld();
    const ix = s.alert(s.arrives(), 'agent1');
    s.advance(15).run(ix, { type: 'alert-timeout' });
    expect(s.agentShift('agent1')).toMatchObject({ received: 1, notAnswered: 1, answered: 0 });
  });

  it('counts a pickup straight from the queue, without an alert, as received and answered', () => {
    const s = new StatsWorld();
    s.pickup(s.arrives(), 'agent2');
    expect(s.agentShift('agent2')).toMatchObject({ received: 1, answered: 1 });
    expect(s.shift()).toMatchObject({ answered: 1 });
  });

  it('counts completed, held, talk and hold for the agent whose part it was', () => {
    const s = new StatsWorld();
    const answered = s.answered('agent1');
    const held = s.advance(20).hold(answered);
    s.advance(10).endsIt(s.unhold(held));
    expect(s.agentShift('agent1')).toMatchObject({ received: 1, answered: 1, completed: 1, held: 1 });
    expect(s.agentShift('agent1').talk.totalMs).toBe(20_000);
    expect(s.agentShift('agent1').hold.totalMs).toBe(10_000);
    expect(s.agentShift('agent2')).toMatchObject({ received: 0, answered: 0 });
  });

  it('keeps ACD figures per workgroup and counts a direct transfer to the agent outside ACD', () => {
    const s = new StatsWorld();
    const ix = s.answered('agent1');
    const moved = s.advance(10).transfer(ix, { type: 'user', id: 'agent2' });
    s.advance(20).endsIt(s.pickup(moved, 'agent2'));
    expect(s.agentShift('agent1')).toMatchObject({ answered: 1, completed: 1 });
    expect(s.agentShift('agent2')).toMatchObject({ received: 0, answered: 0 });
    expect(s.nonAcdShift('agent2')).toMatchObject({ received: 1, answered: 1, completed: 1 });
    expect(s.engine.agentWorkgroups('agent2')).toEqual([]);
    expect(s.shift()).toMatchObject({ answered: 1, completed: 1 });
  });

  it('ends the first agent’s part when another user picks the interaction up off hold', () => {
    const s = new StatsWorld();
    const held = s.hold(s.answered('agent1'));
    s.advance(30).pickup(held, 'boss');
    expect(s.agentShift('agent1')).toMatchObject({ completed: 1, held: 1 });
    expect(s.agentShift('agent1').hold.totalMs).toBe(30_000);
    expect(s.nonAcdShift('boss')).toMatchObject({ received: 1, answered: 1, completed: 0 });
  });
});

describe('shifts and periods', () => {
  it('counts in the current period and shift, and shows them as previous once the period is over', () => {
    const s = new StatsWorld();
    s.arrives();
    s.advance(30 * 60);
    s.arrives();
    s.arrives();
    const f = s.period();
    expect(f.currentPeriod).toMatchObject({ start: Date.UTC(2026, 0, 5, 9, 30), received: 2 });
    expect(f.previousPeriod).toMatchObject({ start: Date.UTC(2026, 0, 5, 9, 0), received: 1 });
    expect(f.currentShift).toMatchObject({ start: Date.UTC(2026, 0, 5), received: 3 });
    expect(f.previousShift).toMatchObject({ start: Date.UTC(2026, 0, 4), received: 0 });
  });

  it('shows an empty previous period when nothing happened in the one just before the current', () => {
    const s = new StatsWorld();
    s.arrives();
    s.advance(90 * 60);
    expect(s.period().previousPeriod).toMatchObject({ start: Date.UTC(2026, 0, 5, 10, 0), received: 0 });
    expect(s.period().currentShift.received).toBe(1);
  });

  it('counts a talk time in the period in which the agent’s part ended', () => {
    const s = new StatsWorld();
    s.advance(25 * 60);
    const ix = s.answered('agent1');
    s.advance(10 * 60).endsIt(ix);
    const f = s.period();
    expect(f.previousPeriod).toMatchObject({ answered: 1, completed: 0 });
    expect(f.currentPeriod).toMatchObject({ answered: 0, completed: 1 });
  });

  it('rolls the shift at the configured shift start', () => {
    const s = new StatsWorld({ shiftStarts: ['08:00', '16:00'] });
    s.arrives();
    s.advance(7 * 3600);
    expect(s.period().currentShift).toMatchObject({ start: Date.UTC(2026, 0, 5, 16), received: 0 });
    expect(s.period().previousShift).toMatchObject({ start: Date.UTC(2026, 0, 5, 8), received: 1 });
  });
});

describe('rebuilding from interaction logs', () => {
  /** A morning of traffic: answered, held, abandoned, flowed out, transferred, timed-out alerts. */
  function aMorning(): StatsWorld {
    const s = new StatsWorld();
    const a = s.answered('agent1', 12);
    const held = s.advance(20).hold(a);
    const back = s.advance(15).unhold(held);
    s.advance(40).endsIt(back);
    const abandoned = s.arrives();
    s.advance(25).hangsUp(abandoned);
    const b = s.alert(s.arrives(), 'agent2');
    const timedOut = s.advance(15).run(b, { type: 'alert-timeout' });
    const c = s.advance(5).pickup(timedOut, 'agent1');
    const inSupport = s.transfer(c, toSupport);
    const alerted = s.alert(inSupport, 'agent2');
    s.advance(30).pickup(alerted, 'agent2');
    const flowing = s.advance(29 * 60).arrives();
    s.transfer(flowing, toSupport);
    const d = s.answered('outsider', 3);
    s.advance(10).transfer(d, { type: 'user', id: 'agent2' });
    s.arrives();
    return s;
  }

  it('gives the same figures as the live events did', () => {
    const s = aMorning();
    expect(s.shift()).toMatchObject({ received: 6, answered: 3, abandoned: 1, flowedOut: 1, completed: 3, held: 1 });
    expect(s.shift().hold.totalMs).toBe(15_000);
    expect(s.nonAcdShift('agent2')).toMatchObject({ received: 1 });
    const rebuilt = s.rebuilt();
    for (const wg of ['Sales', 'Support']) expect(rebuilt.workgroupFigures(wg, s.now)).toEqual(s.period(wg));
    for (const user of ['agent1', 'agent2', 'outsider'])
      for (const wg of ['Sales', 'Support', undefined])
        expect(rebuilt.agentFigures(user, wg, s.now), `${user} in ${wg}`).toEqual(
          s.engine.agentFigures(user, wg, s.now),
        );
    expect(rebuilt.trackedCount).toBe(s.engine.trackedCount);
    expect(rebuilt.longestTalkNow(s.now)).toEqual(s.engine.longestTalkNow(s.now));
  });

  it('does not count again a change that arrives live after the rebuild read it from the log', () => {
    const s = new StatsWorld();
    const ix = s.arrives();
    const rebuilt = s.rebuilt();
    rebuilt.apply(ix.id, ix.version, [{ at: s.now, kind: 'queued', workgroupId: 'Sales' }]);
    expect(rebuilt.workgroupFigures('Sales', s.now).currentShift.received).toBe(1);
    const hungUp = s.advance(5).hangsUp(ix);
    rebuilt.apply(hungUp.id, hungUp.version, [{ at: s.now, kind: 'disconnected', reason: 'remote' }]);
    rebuilt.apply(hungUp.id, hungUp.version, [{ at: s.now, kind: 'disconnected', reason: 'remote' }]);
    expect(rebuilt.workgroupFigures('Sales', s.now).currentShift).toMatchObject({ received: 1, abandoned: 1 });
  });

  it('gives a display name two users share to the one the interaction itself names', () => {
    const s = new StatsWorld();
    s.endsIt(s.advance(10).answered('agent2'));
    const names = s.names();
    const shared: NameLookup = {
      ...names,
      usersNamed: (name) => (name === 'Bruno Okafor' ? ['agent1', 'agent2'] : names.usersNamed(name)),
    };
    const rebuilt = s.rebuilt(shared);
    expect(rebuilt.agentFigures('agent2', 'Sales', s.now).currentShift).toMatchObject({ answered: 1, completed: 1 });
    expect(rebuilt.agentFigures('agent1', 'Sales', s.now).currentShift).toMatchObject({ answered: 0 });
  });

  it('counts an agent the directory no longer knows as unknown, and the workgroup figures still', () => {
    const s = new StatsWorld();
    s.endsIt(s.answered('agent1'));
    const names = s.names();
    const forgotten: NameLookup = { ...names, usersNamed: () => [], userExists: () => false };
    const rebuilt = s.rebuilt(forgotten);
    expect(rebuilt.workgroupFigures('Sales', s.now).currentShift).toMatchObject({ answered: 1, completed: 1 });
    expect(rebuilt.agentFigures(UNKNOWN_AGENT, 'Sales', s.now).currentShift).toMatchObject({ answered: 1 });
  });
});
