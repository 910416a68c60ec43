import type { DirectoryRecord } from '@tandem/core';
import { describe, expect, it } from 'vitest';
import { aCredential, aRecord } from '../builders.js';
import type { OpenStore } from '../store-contract.js';

const byKey = (a: DirectoryRecord, b: DirectoryRecord) =>
  a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind.localeCompare(b.kind);

export function describeDirectoryContract(open: OpenStore): void {
  describe('directory', () => {
    it('starts empty', async () => {
      const { store } = await open();
      expect(await store.directory.loadAll()).toEqual([]);
    });

    it('gives back a record exactly as applied, its JSON document included', async () => {
      const { store } = await open();
      const record = aRecord({
        kind: 'workgroups',
        id: 'ventes-été',
        revision: 7,
        createdAt: 1_700_000_000_123,
        updatedAt: 4_102_444_800_000, // beyond 2^31 seconds and 2^32 ms: needs bigint columns
        doc: {
          displayName: 'Ventes été 🌞 — 日本語 "quoted" back\\slash\nnew line',
          empty: [],
          emptyObject: {},
          nested: [[], [[1, 2], ['a']], [{ deep: [{ deeper: [] }] }]],
          numbers: [0, -1, 1.5, 1e-7, Number.MAX_SAFE_INTEGER],
          flags: { on: true, off: false, nothing: null },
        },
      });
      await store.directory.apply({ upserts: [record], deletes: [] });
      expect(await store.directory.loadAll()).toEqual([record]);
    });

    it('applies the upserts and deletes of one change together', async () => {
      const { store } = await open();
      const a = aRecord({ id: 'a' });
      const b = aRecord({ id: 'b' });
      await store.directory.apply({ upserts: [a, b], deletes: [] });

      const a2 = aRecord({ id: 'a', revision: 2, updatedAt: a.updatedAt + 1, doc: { displayName: 'A two' } });
      const c = aRecord({ kind: 'skills', id: 'c', doc: { displayName: 'C' } });
      await store.directory.apply({ upserts: [a2, c], deletes: [{ kind: 'users', id: 'b' }] });

      expect((await store.directory.loadAll()).sort(byKey)).toEqual([c, a2].sort(byKey));
    });

    it('writes nothing of a change when part of it fails', async () => {
      const { store } = await open();
      const kept = aRecord({ id: 'kept' });
      await store.directory.apply({ upserts: [kept], deletes: [] });
      // The delete runs first and succeeds; the upsert then fails (revision beyond a 32-bit integer).
      const broken = aRecord({ id: 'broken', revision: 2 ** 40 });
      await expect(
        store.directory.apply({ upserts: [broken], deletes: [{ kind: 'users', id: 'kept' }] }),
      ).rejects.toThrow();
      expect(await store.directory.loadAll()).toEqual([kept]);
    });

    it('ends with the record present when one change deletes and re-creates it', async () => {
      const { store } = await open();
      await store.directory.apply({ upserts: [aRecord({ id: 'x' })], deletes: [] });
      const recreated = aRecord({ id: 'x', revision: 1, createdAt: 1_800_000_000_000, doc: { displayName: 'New' } });
      await store.directory.apply({ upserts: [recreated], deletes: [{ kind: 'users', id: 'x' }] });
      expect(await store.directory.loadAll()).toEqual([recreated]);
    });

    it('keeps the last of two upserts of one record in a change', async () => {
      const { store } = await open();
      const first = aRecord({ id: 'x', revision: 1 });
      const last = aRecord({ id: 'x', revision: 2, doc: { displayName: 'Last' } });
      await store.directory.apply({ upserts: [first, last], deletes: [] });
      expect(await store.directory.loadAll()).toEqual([last]);
    });

    it('keeps records of different kinds with the same id apart', async () => {
      const { store } = await open();
      const user = aRecord({ kind: 'users', id: 'sales' });
      const workgroup = aRecord({ kind: 'workgroups', id: 'sales', doc: { displayName: 'Sales' } });
      await store.directory.apply({ upserts: [user, workgroup], deletes: [] });
      await store.directory.apply({ upserts: [], deletes: [{ kind: 'users', id: 'sales' }] });
      expect(await store.directory.loadAll()).toEqual([workgroup]);
    });

    it('ignores deletes of records that do not exist and empty changes', async () => {
      const { store } = await open();
      const kept = aRecord({ id: 'kept' });
      await store.directory.apply({ upserts: [kept], deletes: [] });
      await store.directory.apply({ upserts: [], deletes: [{ kind: 'skills', id: 'never-was' }] });
      await store.directory.apply({ upserts: [], deletes: [] });
      expect(await store.directory.loadAll()).toEqual([kept]);
    });

    it('applies a change of thousands of records, as a restore does', async () => {
      const { store } = await open();
      const records = Array.from({ length: 2_345 }, (_, i) =>
        aRecord({ id: `user-${String(i).padStart(5, '0')}`, doc: { displayName: `User ${i}`, skills: [] } }),
      );
      await store.directory.apply({ upserts: records, deletes: [] });
      expect((await store.directory.loadAll()).sort(byKey)).toEqual(records);
      await store.directory.apply({ upserts: [], deletes: records.slice(1).map(({ kind, id }) => ({ kind, id })) });
      expect(await store.directory.loadAll()).toEqual(records.slice(0, 1));
    });
  });

  describe('credentials', () => {
    it('answers undefined for a user without a credential', async () => {
      const { store } = await open();
      expect(await store.credentials.get('nobody')).toBeUndefined();
    });

    it('stores, replaces and deletes a credential, lock-out time included', async () => {
      const { store } = await open();
      const locked = aCredential({ failedAttempts: 5, lockedUntil: 4_102_444_800_000, mustChange: true });
      await store.credentials.put(locked);
      await store.credentials.put(aCredential({ userId: 'other' }));
      expect(await store.credentials.get('agent-1')).toEqual(locked);

      const unlocked = { ...locked, failedAttempts: 0, lockedUntil: null, mustChange: false };
      await store.credentials.put(unlocked);
      expect(await store.credentials.get('agent-1')).toEqual(unlocked);

      await store.credentials.delete('agent-1');
      expect(await store.credentials.get('agent-1')).toBeUndefined();
      expect(await store.credentials.get('other')).toEqual(aCredential({ userId: 'other' }));
    });
  });
}
