import type { Interaction } from '@tandem/core';
import { describe, expect, it } from 'vitest';
import { aWorld, type InteractionWorld } from '../../core/test/interactions-builders.js';
import { LiveInteractions } from '../src/services/live-interactions.js';

/** Ended by the customer and wrapped up by agent1 (Sales asks for a wrap-up code): finished. */
function finished(world: InteractionWorld, ix: Interaction): Interaction {
  return world.steps(
    ix,
    ['system', { type: 'disconnect', by: 'remote' }],
    ['agent1', { type: 'set-wrap-up-code', code: 'Sale' }],
  );
}

describe('the interactions in memory', () => {
  it('keep an unfinished interaction as it is, and give back a finished one equal but as a copy', () => {
    const world = aWorld();
    const live = new LiveInteractions();
    const talking = world.assigned('agent1', { attributes: { WebTools_Name: 'Zoë "Z" Ünal' } });
    live.set(talking, 1_000);
    expect(live.get(talking.id)).toBe(talking);

    const ended = finished(world, talking);
    live.set(ended, 2_000);
    expect(live.get(ended.id)).toStrictEqual(ended);
    expect(live.get(ended.id)).not.toBe(ended);
    expect(live.has(ended.id)).toBe(true);
    expect(live.size).toBe(1);
  });

  it('drop finished ones in the order they finished, up to a time, and never an unfinished one', () => {
    const world = aWorld();
    const live = new LiveInteractions();
    const finish = (ix: Interaction) => finished(world, ix);
    const [a, b, c] = [world.assigned(), world.assigned(), world.assigned()];
    const waiting = world.waiting();
    live.set(finish(a), 1_000);
    live.set(finish(b), 2_000);
    live.set(waiting, 2_500);
    live.set(finish(c), 3_000);
    // A change while finished counts from its time.
    live.set(world.run(finish(a), { type: 'set-account-code', code: '1234' }, 'agent1').interaction, 4_000);

    expect(live.dropFinishedBy(999)).toEqual([]);
    expect(live.dropFinishedBy(3_000)).toEqual([b.id, c.id]);
    expect(live.has(b.id)).toBe(false);
    expect(live.get(b.id)).toBeUndefined();
    expect([...live.values()].map((ix) => ix.id)).toEqual([waiting.id, a.id]);
    expect(live.dropFinishedBy(10_000)).toEqual([a.id]);
    expect([...live.values()]).toEqual([waiting]);
  });

  it('take an interaction back from the finished ones when it goes on', () => {
    const world = aWorld();
    const live = new LiveInteractions();
    const ix = world.assigned();
    const ended = finished(world, ix);
    live.set(ended, 1_000);
    const goingOn = { ...ended, state: 'connected' as const };
    live.set(goingOn, 2_000);
    expect(live.get(ix.id)).toBe(goingOn);
    expect(live.dropFinishedBy(5_000)).toEqual([]);
  });
});
