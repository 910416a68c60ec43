import { describe, expect, it } from 'vitest';
import {
  RoutingState,
  routeSnapshot,
  routingAgentOf,
  routingItemOf,
  routingWorkgroupOf,
  syncInteraction,
  type Interaction,
  type InteractionCommand,
} from '../src/index.js';
import { anAgent, aWorkgroup } from './routing-builders.js';
import { aWorld } from './interactions-builders.js';

describe('the routing policy over a snapshot', () => {
  it('answers the assignments and every agent’s load after them', () => {
    const d = routeSnapshot(
      {
        workgroups: [aWorkgroup('Sales')],
        agents: [anAgent('a1', { idleSince: 0 }), anAgent('a2', { idleSince: 5 })],
        items: [
          { state: 'owned', interactionId: 'busy', type: 'email', userId: 'a1', workgroupId: 'Sales' },
          {
            state: 'waiting',
            interactionId: 'c1',
            type: 'chat',
            workgroupId: 'Sales',
            priority: 50,
            enteredQueueAt: 0,
            skills: [],
            relaxation: [],
          },
        ],
      },
      10_000,
    );
    expect(d.assignments).toEqual([
      { interactionId: 'c1', userId: 'a2', workgroupId: 'Sales', type: 'chat', alertDeadline: 25_000 },
    ]);
    expect(d.loads.a1).toMatchObject({ counts: { email: 1 }, utilization: 100 });
    expect(d.loads.a2).toMatchObject({ counts: { chat: 1 }, utilization: 25 });
    expect(d.nextWakeAt).toBe(25_000);
  });

  it('times out an alert loaded from the snapshot whose deadline has passed', () => {
    const waiting = {
      state: 'waiting' as const,
      interactionId: 'c1',
      type: 'chat' as const,
      workgroupId: 'Sales',
      priority: 50,
      enteredQueueAt: 0,
      skills: [],
      relaxation: [],
    };
    const d = routeSnapshot(
      {
        workgroups: [aWorkgroup('Sales')],
        agents: [anAgent('a1'), anAgent('a2', { idleSince: 9 })],
        items: [{ ...waiting, state: 'alerting', userId: 'a1', alertedAt: 1_000, waiting }],
      },
      20_000,
    );
    expect(d.alertTimeouts).toMatchObject([{ interactionId: 'c1', userId: 'a1', statusId: 'acd-agent-not-answering' }]);
    expect(d.assignments.map((a) => a.userId)).toEqual(['a2']);
  });
});

describe('the router kept in step with the interactions', () => {
  const setUp = () => {
    const w = aWorld();
    const router = new RoutingState();
    for (const wg of w.directory.list('workgroups')) router.upsertWorkgroup(routingWorkgroupOf(wg));
    for (const id of ['agent1', 'agent2'])
      router.upsertAgent(
        routingAgentOf(
          { ...w.directory.get('users', id)!, licences: ['acd-chat'], workgroups: ['Sales', 'Support'] },
          {
            loggedOn: true,
            statusId: 'available',
            availableForAcd: true,
            activeWorkgroups: ['Sales', 'Support', 'NotAMember'],
            idleSince: id === 'agent1' ? 0 : 1,
          },
        ),
        w.clock.now(),
      );
    const apply = (ix: Interaction, command: InteractionCommand, who = 'system') => {
      const next = w.run(ix, command, who).interaction;
      syncInteraction(router, next, w.clock.now());
      return next;
    };
    return { w, router, apply };
  };

  it('routes an enqueued chat, keeps the agent’s load through pickup and hold, and frees it on disconnect', () => {
    const { w, router, apply } = setUp();
    let ix = apply(w.create(), { type: 'enqueue', workgroupId: 'Sales' });
    const [a] = router.decide(w.clock.now()).assignments;
    expect(a).toMatchObject({ interactionId: ix.id, userId: 'agent1' });
    ix = apply(ix, { type: 'alert-agent', userId: 'agent1' });
    ix = apply(ix, { type: 'pickup' }, 'agent1');
    ix = apply(ix, { type: 'hold' }, 'agent1');
    expect(router.whereIs(ix.id)).toBe('owned');
    expect(router.loadOf('agent1')?.counts.chat).toBe(1);
    apply(ix, { type: 'disconnect', by: 'remote' });
    expect(router.whereIs(ix.id)).toBeUndefined();
    expect(router.loadOf('agent1')?.counts.chat).toBe(0);
  });

  it('routes a chat transferred to another workgroup there, and forgets a parked one', () => {
    const { w, router, apply } = setUp();
    let ix = apply(w.create(), { type: 'enqueue', workgroupId: 'Sales' });
    router.decide(w.clock.now());
    ix = apply(apply(ix, { type: 'alert-agent', userId: 'agent1' }), { type: 'pickup' }, 'agent1');
    ix = apply(ix, { type: 'transfer', target: { type: 'workgroup', id: 'Support' } }, 'agent1');
    expect(router.waitingIn('Support')).toEqual([ix.id]);
    expect(router.loadOf('agent1')?.counts.chat).toBe(0);
    const again = router.decide(w.clock.now()).assignments;
    expect(again.map((a) => a.workgroupId)).toEqual(['Support']);
    ix = apply(apply(ix, { type: 'alert-agent', userId: again[0]!.userId }), { type: 'pickup' }, again[0]!.userId);
    ix = apply(ix, { type: 'park', target: { type: 'workgroup', id: 'Sales' } }, again[0]!.userId);
    expect(routingItemOf(ix)).toBeUndefined();
    expect(router.whereIs(ix.id)).toBeUndefined();
  });

  it('takes only workgroups the user is a member of as activated', () => {
    const { w } = setUp();
    const agent = routingAgentOf(w.directory.get('users', 'agent1')!, {
      loggedOn: true,
      statusId: 'available',
      availableForAcd: true,
      activeWorkgroups: ['Sales', 'Support'],
      idleSince: 0,
    });
    expect(agent.activeWorkgroups).toEqual(['Sales']);
  });
});
