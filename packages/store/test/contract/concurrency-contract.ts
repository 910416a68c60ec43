import { describe, expect, it } from 'vitest';
import { aCredential, aSession, aStatus } from '../builders.js';
import type { OpenStore } from '../store-contract.js';

/** Lets every other pending call run before going on, as a request handler awaiting I/O would. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export function describeConcurrencyContract(open: OpenStore): void {
  describe('concurrent callers', () => {
    it('keeps plain writes out of 50 concurrent transactions, half of which roll back', async () => {
      const { store } = await open();
      const transactions: Promise<number>[] = [];
      const plainWrites: Promise<void>[] = [];
      for (let i = 0; i < 50; i++) {
        transactions.push(
          store.transaction(async (tx) => {
            await tx.credentials.put(aCredential({ userId: `tx-${i}` }));
            await yieldToOthers();
            await tx.presence.put(aStatus({ userId: `tx-${i}` }));
            await yieldToOthers();
            if (i % 2 === 1) throw new Error(`planned failure of transaction ${i}`);
            return i;
          }),
        );
        // Issued while the transactions run: on a single connection, a write slipped into a
        // transaction that then rolls back would vanish with it.
        plainWrites.push(store.credentials.put(aCredential({ userId: `plain-${i}` })));
        plainWrites.push(store.sessions.insert(aSession({ id: `plain-${i}` })));
      }
      const outcomes = await Promise.allSettled(transactions);
      await Promise.all(plainWrites);

      expect(outcomes.map((o) => o.status)).toEqual(
        Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 'fulfilled' : 'rejected')),
      );
      const credentials = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => [
          (await store.credentials.get(`tx-${i}`)) !== undefined,
          (await store.credentials.get(`plain-${i}`)) !== undefined,
        ]),
      );
      expect(credentials).toEqual(Array.from({ length: 50 }, (_, i) => [i % 2 === 0, true]));
      const present = (await store.presence.loadAll()).map((s) => s.userId).sort();
      expect(present).toEqual(Array.from({ length: 25 }, (_, i) => `tx-${i * 2}`).sort());
      expect(await store.sessions.listActive()).toHaveLength(50);
    });

    it('loses none of 200 concurrent status changes of one user', async () => {
      const { store } = await open();
      const changes = Array.from({ length: 200 }, (_, i) => aStatus({ statusId: `status-${i}`, changedAt: 1_000 + i }));
      await Promise.all(changes.map((status) => store.presence.put(status)));
      const history = await store.presence.history('agent-1', 1_000);
      expect(history.map((s) => s.statusId).sort()).toEqual(changes.map((s) => s.statusId).sort());
      const current = await store.presence.loadAll();
      expect(current).toHaveLength(1);
      expect(changes).toContainEqual(current[0]);
    });

    it('answers concurrent reads and writes of many callers', async () => {
      const { store } = await open();
      const work = Array.from({ length: 100 }, async (_, i) => {
        await store.credentials.put(aCredential({ userId: `user-${i}`, failedAttempts: i }));
        return (await store.credentials.get(`user-${i}`))?.failedAttempts;
      });
      expect(await Promise.all(work)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    });
  });
}
