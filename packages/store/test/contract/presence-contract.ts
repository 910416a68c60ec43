import { describe, expect, it } from 'vitest';
import { aDetailedStatus, aStatus } from '../builders.js';
import type { OpenStore } from '../store-contract.js';

const OPTIONAL_FIELDS = ['notes', 'until', 'forwardNumber', 'stationId'] as const;

export function describePresenceContract(open: OpenStore): void {
  describe('presence', () => {
    it('saves a status with all its details and loads it back', async () => {
      const { store } = await open();
      const status = aDetailedStatus({ loggedOn: false });
      await store.presence.put(status);
      expect(await store.presence.loadAll()).toEqual([status]);
    });

    it('leaves the details a status does not have absent, not undefined', async () => {
      const { store } = await open();
      await store.presence.put(aStatus());
      const [loaded] = await store.presence.loadAll();
      const [historic] = await store.presence.history('agent-1', 10);
      for (const field of OPTIONAL_FIELDS) {
        expect(loaded).not.toHaveProperty(field);
        expect(historic).not.toHaveProperty(field);
      }
      expect(loaded).toStrictEqual(aStatus());
    });

    it('clears details of the previous status that the new one does not have', async () => {
      const { store } = await open();
      await store.presence.put(aDetailedStatus({ changedAt: 1_000 }));
      const plain = aStatus({ changedAt: 2_000 });
      await store.presence.put(plain);
      expect(await store.presence.loadAll()).toStrictEqual([plain]);
    });

    it('keeps one current status per user', async () => {
      const { store } = await open();
      const a = aStatus({ userId: 'a', statusId: 'available' });
      const b = aDetailedStatus({ userId: 'b', changedBy: 'supervisor-1' });
      await store.presence.put(aStatus({ userId: 'a', statusId: 'gone-home' }));
      await store.presence.put(a);
      await store.presence.put(b);
      expect((await store.presence.loadAll()).sort((x, y) => x.userId.localeCompare(y.userId))).toEqual([a, b]);
    });

    it("keeps every status in the user's history, newest first, up to the limit", async () => {
      const { store } = await open();
      const first = aStatus({ statusId: 'available', changedAt: 1_000 });
      const second = aDetailedStatus({ statusId: 'at-lunch', changedAt: 2_000 });
      const third = aStatus({ statusId: 'available', changedAt: 3_000 });
      for (const s of [first, second, third]) await store.presence.put(s);
      await store.presence.put(aStatus({ userId: 'someone-else', changedAt: 2_500 }));
      expect(await store.presence.history('agent-1', 10)).toEqual([third, second, first]);
      expect(await store.presence.history('agent-1', 2)).toEqual([third, second]);
      expect(await store.presence.history('nobody', 10)).toEqual([]);
    });

    it('orders changes made in the same millisecond by when they were saved', async () => {
      const { store } = await open();
      const earlier = aStatus({ statusId: 'available', changedAt: 5_000 });
      const later = aStatus({ statusId: 'do-not-disturb', changedAt: 5_000 });
      await store.presence.put(earlier);
      await store.presence.put(later);
      expect(await store.presence.history('agent-1', 10)).toEqual([later, earlier]);
      expect(await store.presence.loadAll()).toEqual([later]);
    });

    it("forgets a user's current status on delete but keeps the history for statistics", async () => {
      const { store } = await open();
      const gone = aStatus({ userId: 'leaver' });
      const staying = aStatus({ userId: 'stayer' });
      await store.presence.put(gone);
      await store.presence.put(staying);
      await store.presence.delete('leaver');
      await store.presence.delete('never-had-a-status');
      expect(await store.presence.loadAll()).toEqual([staying]);
      expect(await store.presence.history('leaver', 10)).toEqual([gone]);
    });
  });
}
