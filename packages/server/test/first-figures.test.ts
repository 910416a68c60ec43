import { describe, expect, it } from 'vitest';
import { FirstFigures } from '../src/services/first-figures.js';
import type { SubscriberChannel } from '../src/services/ports.js';

/** A channel that records what it is sent, and refuses once closed. */
function aChannel(): SubscriberChannel & { sent: string[]; open: boolean } {
  const channel = {
    sent: [] as string[],
    open: true,
    send: (event: string, data: unknown, scope: Record<string, string>) => {
      if (!channel.open) return false;
      channel.sent.push(`${event}:${scope['workgroupId'] ?? scope['userId']}=${String(data)}`);
      return true;
    },
  };
  return channel;
}

describe('first figures of new statistics subscriptions', () => {
  it('sends each subscription its own scopes, building each scope once for all of them', () => {
    const figures = new FirstFigures();
    const built: string[] = [];
    const build = {
      workgroup: (id: string) => (built.push(`w:${id}`), id === 'Gone' ? undefined : `figures of ${id}`),
      agent: (id: string) => (built.push(`u:${id}`), `figures of ${id}`),
    };
    const wallboards = [aChannel(), aChannel(), aChannel()];
    for (const w of wallboards) figures.add(w, { workgroupIds: ['Sales', 'Support', 'Gone'], userIds: [] });
    const own = aChannel();
    figures.add(own, { workgroupIds: [], userIds: ['agent3'] });
    const closed = aChannel();
    figures.add(closed, { workgroupIds: ['Sales'], userIds: ['agent4'] });
    closed.open = false;
    expect(figures.pending).toBe(true);
    expect(figures.send(build, Infinity)).toBe(7);
    expect(figures.pending).toBe(false);
    for (const w of wallboards)
      expect(w.sent).toEqual(['workgroup:Sales=figures of Sales', 'workgroup:Support=figures of Support']);
    expect(own.sent).toEqual(['agent:agent3=figures of agent3']);
    expect(built.sort()).toEqual(['u:agent3', 'u:agent4', 'w:Gone', 'w:Sales', 'w:Support']);
    // Nothing more is owed: a later turn sends nothing.
    expect(figures.send(build, Infinity)).toBe(0);
  });

  it('stops when its time is up and sends the rest, in order, on the next calls', () => {
    const figures = new FirstFigures();
    const channels = [aChannel(), aChannel(), aChannel()];
    channels.forEach((c, i) => figures.add(c, { workgroupIds: [], userIds: [`agent${i}`] }));
    const build = { workgroup: () => undefined, agent: (id: string) => id };
    // With no time at all, one subscription is served per call.
    expect(figures.send(build, 0)).toBe(1);
    expect(channels.map((c) => c.sent.length)).toEqual([1, 0, 0]);
    expect(figures.pending).toBe(true);
    expect(figures.send(build, 0)).toBe(1);
    expect(figures.send(build, 0)).toBe(1);
    expect(figures.pending).toBe(false);
    expect(channels.map((c) => c.sent)).toEqual([
      ['agent:agent0=agent0'],
      ['agent:agent1=agent1'],
      ['agent:agent2=agent2'],
    ]);
  });
});
