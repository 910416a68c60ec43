import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventStream, type TandemEvent, type WebSocketLike } from '../src/index.js';

/** A socket the test drives by hand: open it, make it receive, drop it. */
class FakeSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): this {
    this.readyState = 1;
    this.onopen?.({});
    return this;
  }
  receive(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  /** Acknowledges the last subscribe sent for `topic`. */
  ack(topic: string, seq: number): void {
    const sub = this.sent.filter((m) => m['type'] === 'subscribe' && m['topic'] === topic).at(-1);
    this.receive({ type: 'subscribed', topic, seq, id: sub?.['id'] });
  }
}

const event = (seq: number, userId = 'a'): TandemEvent => ({ type: 'user-status.changed', seq, data: { userId } });

function aStream(options: { pingIntervalMs?: number } = {}) {
  const sockets: FakeSocket[] = [];
  const stream = new EventStream({
    url: 'ws://tandem.test/api/v1/messaging?token=t',
    webSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    reconnectDelayMs: () => 1_000,
    pingIntervalMs: options.pingIntervalMs ?? 0,
  });
  const seqs: number[] = [];
  stream.onEvent((e) => seqs.push(e.seq));
  const last = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket yet');
    return socket;
  };
  return { stream, sockets, seqs, last };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('EventStream', () => {
  it('sends the subscriptions made before the socket opened once it opens', () => {
    const { stream, last } = aStream();
    stream.subscribe('user-status', { userIds: ['a'] }, { since: 7 });
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent).toEqual([
      { type: 'subscribe', topic: 'user-status', id: 1, filter: { userIds: ['a'] }, since: 7 },
    ]);
  });

  it('resubscribes from the last seq it saw after a drop, once the backoff has passed', () => {
    const { stream, sockets, last } = aStream();
    const first = last().open();
    stream.subscribe('user-status');
    first.ack('user-status', 3);
    first.receive(event(4));
    first.drop();
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    last().open();
    expect(last().sent).toEqual([{ type: 'subscribe', topic: 'user-status', id: 2, since: 4 }]);
  });

  it('delivers each seq once when a replay repeats events already delivered', () => {
    const { stream, seqs, last } = aStream();
    stream.subscribe('user-status', undefined, { since: 10 });
    const first = last().open();
    first.receive(event(11));
    first.receive(event(12));
    first.drop(); // before the acknowledgement: the replay is resent from the given since
    vi.advanceTimersByTime(1_000);
    const second = last().open();
    expect(second.sent[0]).toMatchObject({ since: 10 });
    [11, 12, 13].forEach((seq) => second.receive(event(seq)));
    second.ack('user-status', 13);
    expect(seqs).toEqual([11, 12, 13]);
  });

  it('does not resubscribe to a topic after unsubscribe', () => {
    const { stream, last } = aStream();
    const first = last().open();
    stream.subscribe('user-status').unsubscribe();
    expect(first.sent.map((m) => m['type'])).toEqual(['subscribe', 'unsubscribe']);
    first.drop();
    vi.advanceTimersByTime(1_000);
    expect(last().open().sent).toEqual([]);
  });

  it('gives up on a connection that does not answer a ping, and reconnects', () => {
    const { stream, sockets, last } = aStream({ pingIntervalMs: 5_000 });
    const disconnected: number[] = [];
    stream.on('disconnected', ({ code }) => disconnected.push(code));
    last().open();
    vi.advanceTimersByTime(5_000);
    expect(last().sent).toEqual([{ type: 'ping' }]);
    vi.advanceTimersByTime(5_000);
    expect(disconnected).toEqual([1006]);
    vi.advanceTimersByTime(1_000);
    expect(sockets).toHaveLength(2);
  });

  it('keeps a connection that answers its pings', () => {
    const { stream, last } = aStream({ pingIntervalMs: 5_000 });
    const disconnected: number[] = [];
    stream.on('disconnected', ({ code }) => disconnected.push(code));
    const socket = last().open();
    for (let i = 0; i < 3; i += 1) {
      vi.advanceTimersByTime(5_000);
      socket.receive({ type: 'pong' });
    }
    expect(disconnected).toEqual([]);
  });

  it('rejects pending subscriptions and stops reconnecting when closed', async () => {
    const { stream, sockets, last } = aStream();
    const ready = stream.subscribe('user-status').ready;
    stream.close();
    await expect(ready).rejects.toMatchObject({ code: 'STREAM_CLOSED' });
    last().drop();
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
  });

  it('keeps calling the other handlers when one throws', () => {
    const errors: unknown[] = [];
    const sockets: FakeSocket[] = [];
    const webSocket = (url: string) => sockets[sockets.push(new FakeSocket(url)) - 1] as FakeSocket;
    const stream = new EventStream({
      url: 'ws://x',
      webSocket,
      onHandlerError: (e) => errors.push(e),
      pingIntervalMs: 0,
    });
    const seen: number[] = [];
    stream.on('user-status.changed', () => {
      throw new Error('handler bug');
    });
    stream.on('user-status.changed', (e) => seen.push(e.seq));
    sockets[0]?.open().receive(event(1));
    expect(seen).toEqual([1]);
    expect(errors).toHaveLength(1);
  });
});
