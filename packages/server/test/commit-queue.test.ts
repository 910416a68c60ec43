import { describe, expect, it } from 'vitest';
import { CommitQueue } from '../src/util/commit-queue.js';

describe('group commit', () => {
  it('commits what arrives during a commit together in the next one, and acknowledges only after', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const queue = new CommitQueue<number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const acked: number[] = [];
    const first = queue.write(1).then(() => acked.push(1));
    await Promise.resolve();
    await Promise.resolve();
    const rest = [2, 3, 4].map((n) => queue.write(n).then(() => acked.push(n)));
    await new Promise((r) => setImmediate(r));
    expect(acked).toEqual([]);
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(acked).toEqual([1, 2, 3, 4]);
  });

  it('fails every write of a batch whose commit fails, and goes on with the next', async () => {
    let fail = true;
    const queue = new CommitQueue<string>(async () => {
      if (fail) {
        fail = false;
        throw new Error('database down');
      }
    });
    const a = queue.write('a');
    const b = queue.write('b');
    await expect(a).rejects.toThrow('database down');
    await expect(b).rejects.toThrow('database down');
    await expect(queue.write('c')).resolves.toBeUndefined();
  });

  it('splits a backlog into batches of at most the given size', async () => {
    const sizes: number[] = [];
    const queue = new CommitQueue<number>(async (items) => void sizes.push(items.length), 3);
    await Promise.all(Array.from({ length: 7 }, (_, i) => queue.write(i)));
    expect(sizes).toEqual([3, 3, 1]);
  });
});
