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

  it('drop an interaction once, at its last finishing, however often it finished or went on before', () => {
    const world = aWorld();
    const live = new LiveInteractions();
    const ix = world.assigned();
    const ended = finished(world, ix);
    const goingOn = { ...ended, state: 'connected' as const };
    live.set(ended, 1_000);
    live.set(ended, 2_000);
    live.set(goingOn, 3_000);
    live.set(ended, 4_000);
    const other = finished(world, world.assigned());
    live.set(other, 4_500);
    live.set(ended, 5_000);

    expect(live.dropFinishedBy(4_999)).toEqual([other.id]);
    expect(live.get(ix.id)).toStrictEqual(ended);
    expect(live.dropFinishedBy(5_000)).toEqual([ix.id]);
    expect(live.size).toBe(0);
    // Finishing again after being dropped lingers anew, and is dropped at its new time.
    live.set(ended, 6_000);
    expect(live.dropFinishedBy(5_999)).toEqual([]);
    expect(live.dropFinishedBy(6_000)).toEqual([ix.id]);
  });

  it('keep dropping in order across many thousands finished, some of them more than once', () => {
    const world = aWorld();
    const live = new LiveInteractions();
    const template = finished(world, world.assigned());
    const ids = Array.from({ length: 5_000 }, (_, i) => `ix-${i}`);
    // Every fifth finishes a second time 1,000 ms later, which is when it is due.
    ids.forEach((id, i) => live.set({ ...template, id }, 10_000 + i));
    ids.forEach((id, i) => {
      if (i % 5 === 0) live.set({ ...template, id }, 15_000 + i);
    });
    const dropped: string[] = [];
    for (let t = 10_000; t < 25_000; t += 700) dropped.push(...live.dropFinishedBy(t));
    const once = ids.filter((_, i) => i % 5 !== 0);
    const twice = ids.filter((_, i) => i % 5 === 0);
    expect(dropped).toEqual([...once, ...twice]);
    expect(live.size).toBe(0);
  });
});
