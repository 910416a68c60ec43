import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineNodeRecord } from '@tandem/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  adopterOf,
  deadOwners,
  launchTarget,
  moveAnswerKey,
  moveRequestKey,
  readSnapshot,
} from '../src/process/cluster/node-plan.js';
import { resolveStorageId } from '../src/process/cluster/storage-id.js';

const NOW = Date.UTC(2026, 10, 21, 9, 0, 0);
const aNode = (storageId: string, secondsAgo = 1): EngineNodeRecord => ({
  storageId,
  startedAt: NOW - 3_600_000,
  heartbeatAt: NOW - secondsAgo * 1000,
});
const snapshotOf = (rows: EngineNodeRecord[], counts: Record<string, number>) =>
  readSnapshot(rows, new Map(Object.entries(counts)), { now: NOW, staleAfterMs: 10_000 });

describe('the engine cluster plan', () => {
  it('counts a node alive while its heartbeat is fresher than the stale limit', () => {
    const s = snapshotOf([aNode('a', 2), aNode('b', 30)], { a: 3, b: 5 });
    expect(s.nodes.map((n) => [n.storageId, n.alive, n.running])).toEqual([
      ['a', true, 3],
      ['b', false, 5],
    ]);
    expect(deadOwners(s).map((n) => n.storageId)).toEqual(['b']);
  });

  it('treats an owner of running instances without any heartbeat row as dead', () => {
    const s = snapshotOf([aNode('a')], { a: 1, 'pfct-import': 7 });
    expect(deadOwners(s)).toMatchObject([{ storageId: 'pfct-import', running: 7, alive: false }]);
  });

  it('lets the least loaded live node adopt, the smallest id breaking ties', () => {
    expect(adopterOf(snapshotOf([aNode('a'), aNode('b'), aNode('dead', 60)], { a: 9, b: 4, dead: 3 }))).toBe('b');
    expect(adopterOf(snapshotOf([aNode('b'), aNode('a')], { a: 4, b: 4 }))).toBe('a');
    expect(adopterOf(snapshotOf([aNode('a', 60)], { a: 4 }))).toBeUndefined();
  });

  it('keeps launches local up to the load balance threshold, then sends them to a less loaded node', () => {
    const s = snapshotOf([aNode('a'), aNode('b'), aNode('c', 60)], { a: 1500, b: 200, c: 0 });
    expect(launchTarget(s, 'a', 1000, 1000)).toBe('a');
    expect(launchTarget(s, 'a', 1001, 1000)).toBe('b');
    expect(launchTarget(snapshotOf([aNode('a'), aNode('b')], { a: 1001, b: 1001 }), 'a', 1001, 1000)).toBe('a');
  });

  it('reads flow-admin move requests and answers from the nodes table, apart from the nodes', () => {
    const request = moveRequestKey({ from: 'a', to: 'b', instanceId: 'p42', nonce: 'n1' });
    const all = moveRequestKey({ from: 'a', to: 'b', instanceId: null, nonce: 'n2' });
    const s = snapshotOf([aNode('a'), aNode(request), aNode(all), aNode(moveAnswerKey('n0', 12))], { a: 2 });
    expect(s.nodes.map((n) => n.storageId)).toEqual(['a']);
    expect(s.requests.map((r) => [r.from, r.to, r.instanceId, r.nonce])).toEqual([
      ['a', 'b', 'p42', 'n1'],
      ['a', 'b', null, 'n2'],
    ]);
    expect(s.answers).toMatchObject([{ nonce: 'n0', moved: 12 }]);
  });
});

describe('the storage id of a node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-storage-id-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the configured one when given', () => {
    expect(resolveStorageId({ configured: 'node-a', dataDir: dir })).toBe('node-a');
  });

  it('is generated once and kept in the data directory', () => {
    const first = resolveStorageId({ configured: undefined, dataDir: join(dir, 'one') });
    expect(first).toMatch(/^node-[0-9a-f-]{36}$/);
    expect(resolveStorageId({ configured: undefined, dataDir: join(dir, 'one') })).toBe(first);
    expect(readFileSync(join(dir, 'one', 'engine-storage-id'), 'utf8').trim()).toBe(first);
  });

  it('refuses a kept file that does not hold a storage id', () => {
    writeFileSync(join(dir, 'engine-storage-id'), 'not a storage id!\n');
    expect(() => resolveStorageId({ configured: undefined, dataDir: dir })).toThrow(/does not hold a storage id/);
  });
});
