import { describe, expect, it } from 'vitest';
import { aCredential, aRecord, aSession, aStatus } from '../builders.js';
import type { OpenStore } from '../store-contract.js';

export function describeTransactionContract(open: OpenStore): void {
  describe('transactions', () => {
    it("commits every port's writes of a transaction and answers its result", async () => {
      const { store } = await open();
      const record = aRecord();
      const credential = aCredential();
      const session = aSession();
      const status = aStatus();
      const result = await store.transaction(async (tx) => {
        await tx.directory.apply({ upserts: [record], deletes: [] });
        await tx.credentials.put(credential);
        await tx.sessions.insert(session);
        await tx.presence.put(status);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store.directory.loadAll()).toEqual([record]);
      expect(await store.credentials.get(credential.userId)).toEqual(credential);
      expect(await store.sessions.listActive()).toEqual([session]);
      expect(await store.presence.loadAll()).toEqual([status]);
      expect(await store.presence.history(status.userId, 5)).toEqual([status]);
    });

    it('writes nothing of a transaction whose function throws, and rethrows its error', async () => {
      const { store } = await open();
      const before = aCredential({ failedAttempts: 1 });
      await store.credentials.put(before);
      const failure = new Error('planned failure after the writes');
      await expect(
        store.transaction(async (tx) => {
          await tx.directory.apply({ upserts: [aRecord()], deletes: [] });
          await tx.credentials.put(aCredential({ failedAttempts: 2 }));
          await tx.credentials.put(aCredential({ userId: 'new-user' }));
          await tx.sessions.insert(aSession());
          await tx.presence.put(aStatus());
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await store.directory.loadAll()).toEqual([]);
      expect(await store.credentials.get('agent-1')).toEqual(before);
      expect(await store.credentials.get('new-user')).toBeUndefined();
      expect(await store.sessions.listActive()).toEqual([]);
      expect(await store.presence.loadAll()).toEqual([]);
      expect(await store.presence.history('agent-1', 5)).toEqual([]);
    });

    it('rolls back a transaction in which a statement fails', async () => {
      const { store } = await open();
      const first = aSession();
      await store.sessions.insert(first);
      await expect(
        store.transaction(async (tx) => {
          await tx.credentials.put(aCredential());
          await tx.sessions.insert(aSession({ tokenHash: first.tokenHash })); // duplicate token hash
        }),
      ).rejects.toThrow();
      expect(await store.credentials.get('agent-1')).toBeUndefined();
      expect(await store.sessions.listActive()).toEqual([first]);
    });

    it('sees its own writes inside the transaction before they commit', async () => {
      const { store } = await open();
      const record = aRecord();
      const seen = await store.transaction(async (tx) => {
        await tx.directory.apply({ upserts: [record], deletes: [] });
        await tx.presence.put(aStatus({ changedAt: 1 }));
        await tx.presence.put(aStatus({ changedAt: 2 }));
        return {
          records: await tx.directory.loadAll(),
          history: (await tx.presence.history('agent-1', 5)).map((s) => s.changedAt),
        };
      });
      expect(seen).toEqual({ records: [record], history: [2, 1] });
    });
  });
}
