import { queueGauges, type Interaction, type InteractionState, type WrapUpRequest } from '@tandem/core';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/test/seeded-random.js';
import { ActiveInteractions } from '../src/services/active-interactions.js';

const STATES: InteractionState[] = [
  'acd-wait-agent',
  'acd-alerting',
  'acd-assigned',
  'held',
  'connected',
  'disconnected',
];
const GROUPS = ['Sales', 'Support', 'Loans'];

/** An interaction with only what the queue gauges read; the rest of the record does not matter here. */
function anInteraction(fields: Partial<Interaction> & { id: string }): Interaction {
  return { state: 'acd-wait-agent', createdAt: 0, wrapUps: [], ...fields } as Interaction;
}

const aWrapUp = (workgroupId: string, state: WrapUpRequest['state']): WrapUpRequest => ({
  userId: 'agent1',
  workgroupId,
  requestedAt: 0,
  deadline: 60_000,
  state,
});

describe('the active interactions', () => {
  it('drop an interaction once it is disconnected with no wrap-up pending, and keep it while one is', () => {
    const active = new ActiveInteractions();
    active.update(
      anInteraction({ id: '1', workgroupId: 'Sales', state: 'disconnected', wrapUps: [aWrapUp('Support', 'pending')] }),
    );
    expect([...active.inWorkgroup('Sales')].map((ix) => ix.id)).toEqual(['1']);
    expect([...active.inWorkgroup('Support')].map((ix) => ix.id)).toEqual(['1']);
    active.update(
      anInteraction({ id: '1', workgroupId: 'Sales', state: 'disconnected', wrapUps: [aWrapUp('Support', 'done')] }),
    );
    expect([...active.all()]).toEqual([]);
    expect([...active.inWorkgroup('Support')]).toEqual([]);
  });

  it('give each workgroup the queue gauges a pass over every live interaction gives', () => {
    const next = mulberry32(11);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
    const active = new ActiveInteractions();
    const live = new Map<string, Interaction>();
    for (let step = 0; step < 5000; step++) {
      const id = String(Math.floor(next() * 300));
      const ix = anInteraction({
        id,
        state: pick(STATES),
        ...(next() < 0.9 && { workgroupId: pick(GROUPS) }),
        userId: pick(['agent1', 'agent2', 'agent3']),
        heldFrom: pick(['acd-assigned', 'connected'] as const),
        enteredQueueAt: Math.floor(next() * 1000),
        wrapUps: next() < 0.3 ? [aWrapUp(pick(GROUPS), pick(['pending', 'done'] as const))] : [],
      });
      live.set(id, ix);
      active.update(ix);
      if (step % 250 === 0)
        for (const wg of GROUPS)
          expect(queueGauges(active.inWorkgroup(wg), 2000).get(wg)).toEqual(queueGauges(live.values(), 2000).get(wg));
    }
  });
});
