import { describe, expect, it } from 'vitest';
import { CommitQueue } from '../src/util/commit-queue.js';

interface Row {
  key: string;
  n: number;
}

/** A store whose commits finish only when the test says so, in any order. */
function heldCommits() {
  const started: { rows: Row[]; finish: () => void; fail: (error: Error) => void }[] = [];
  const commit = (rows: Row[]) =>
    new Promise<void>((finish, fail) => {
      started.push({ rows, finish, fail });
    });
  return { started, commit };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const row = (key: string, n: number): Row => ({ key, n });

describe('group commit with several commits in flight', () => {
  it('starts a second batch while the first is still committing', async () => {
    const { started, commit } = heldCommits();
    const queue = new CommitQueue<Row>(commit, { maxInFlight: 2, keyOf: (r) => r.key });
    void queue.write(row('a', 1));
    await turn();
    void queue.write(row('b', 1));
    await turn();
    expect(started.map((s) => s.rows)).toEqual([[row('a', 1)], [row('b', 1)]]);
  });

  it('never has two writes of one key in flight at once: the later waits for the earlier commit', async () => {
    const { started, commit } = heldCommits();
    const queue = new CommitQueue<Row>(commit, { maxInFlight: 3, keyOf: (r) => r.key });
    void queue.write(row('a', 1));
    await turn();
    void queue.write(row('a', 2));
    void queue.write(row('b', 1));
    void queue.write(row('a', 3));
    await turn();
    expect(started.map((s) => s.rows)).toEqual([[row('a', 1)], [row('b', 1)]]);
    started[0]?.finish();
    await turn();
    expect(started[2]?.rows).toEqual([row('a', 2), row('a', 3)]);
  });

  it('tells when given keys have committed while writes of other keys go on', async () => {
    const { started, commit } = heldCommits();
    const queue = new CommitQueue<Row>(commit, { maxInFlight: 2, keyOf: (r) => r.key });
    void queue.write(row('a', 1));
    await turn();
    void queue.write(row('b', 1));
    void queue.write(row('a', 2));
    let settled = false;
    const waiting = queue.settledFor(new Set(['a'])).then(() => (settled = true));
    await turn();
    started[0]?.finish();
    await turn();
    await turn();
    expect(settled).toBe(false);
    expect(started[2]?.rows).toEqual([row('a', 2)]);
    void queue.write(row('b', 2));
    started[2]?.finish();
    await waiting;
    expect(started[1]?.rows).toEqual([row('b', 1)]);
    await queue.settledFor(new Set(['c']));
  });

  it('acknowledges batches in the order they were formed, even when a later one commits first', async () => {
    const { started, commit } = heldCommits();
    const queue = new CommitQueue<Row>(commit, { maxInFlight: 2, keyOf: (r) => r.key });
    const acked: string[] = [];
    const first = queue.write(row('a', 1)).then(() => acked.push('a'));
    await turn();
    const second = queue.write(row('b', 1)).then(() => acked.push('b'));
    await turn();
    started[1]?.finish();
    await turn();
    expect(acked).toEqual([]);
    started[0]?.finish();
    await Promise.all([first, second]);
    expect(acked).toEqual(['a', 'b']);
  });

  it('gathers the writes of one turn of the event loop into one batch when asked to', async () => {
    const { started, commit } = heldCommits();
    const queue = new CommitQueue<Row>(commit, { keyOf: (r) => r.key, gatherUntilImmediate: true });
    // Like the router: its pass is scheduled for this turn before the write that triggered it.
    setImmediate(() => void queue.write(row('a', 2)));
    void queue.write(row('a', 1));
    await turn();
    await turn();
    expect(started.map((s) => s.rows)).toEqual([[row('a', 1), row('a', 2)]]);
  });

  it('fails only the writes of the batch whose commit fails, and flush waits for the rest', async () => {
    const { started, commit } = heldCommits();
    const queue = new CommitQueue<Row>(commit, { maxInFlight: 2, keyOf: (r) => r.key });
    const a = queue.write(row('a', 1));
    await turn();
    const b = queue.write(row('b', 1));
    await turn();
    started[0]?.fail(new Error('database down'));
    started[1]?.finish();
    await expect(a).rejects.toThrow('database down');
    await expect(b).resolves.toBeUndefined();
    await expect(queue.flush()).resolves.toBeUndefined();
  });

  it('refuses several commits in flight without a key to keep each row in order', () => {
    expect(() => new CommitQueue<Row>(async () => undefined, { maxInFlight: 2 })).toThrow(/keyOf/);
  });
});
