import { describe, expect, it } from 'vitest';
import { anActivation } from '../builders.js';
import type { OpenStore } from '../store-contract.js';

export function describeActivationContract(open: OpenStore): void {
  describe('workgroup activations', () => {
    it('loads every activation by user, then workgroup', async () => {
      const { store } = await open();
      const b = anActivation({ userId: 'agent-2', workgroupId: 'Sales' });
      const aSupport = anActivation({ userId: 'agent-1', workgroupId: 'Support', active: false });
      const aSales = anActivation({ userId: 'agent-1', workgroupId: 'Sales', changedAt: 4_102_444_800_000 });
      for (const activation of [b, aSupport, aSales]) await store.activations.put(activation);
      expect(await store.activations.loadAll()).toStrictEqual([aSales, aSupport, b]);
    });

    it("replaces a user's activation in a workgroup", async () => {
      const { store } = await open();
      await store.activations.put(anActivation({ active: true }));
      const off = anActivation({ active: false, changedAt: 1_700_000_100_000, changedBy: 'agent-1' });
      await store.activations.put(off);
      expect(await store.activations.loadAll()).toEqual([off]);
    });

    it("forgets a deleted user's activations, a deleted workgroup's, or one pair", async () => {
      const { store } = await open();
      const pairs = ['agent-1', 'agent-2', 'agent-3'].flatMap((userId) =>
        ['Sales', 'Support'].map((workgroupId) => anActivation({ userId, workgroupId })),
      );
      for (const activation of pairs) await store.activations.put(activation);
      const left = () => store.activations.loadAll().then((all) => all.map((a) => `${a.userId}/${a.workgroupId}`));

      await store.activations.deleteFor({ userId: 'agent-1' });
      expect(await left()).toEqual(['agent-2/Sales', 'agent-2/Support', 'agent-3/Sales', 'agent-3/Support']);
      await store.activations.deleteFor({ workgroupId: 'Support' });
      expect(await left()).toEqual(['agent-2/Sales', 'agent-3/Sales']);
      await store.activations.deleteFor({ userId: 'agent-3', workgroupId: 'Sales' });
      expect(await left()).toEqual(['agent-2/Sales']);
      await store.activations.deleteFor({ userId: 'nobody' });
      expect(await left()).toEqual(['agent-2/Sales']);
    });

    it('refuses to delete activations without a user or a workgroup, rather than forget them all', async () => {
      const { store } = await open();
      await store.activations.put(anActivation());
      await expect(store.activations.deleteFor({})).rejects.toThrow(TypeError);
      expect(await store.activations.loadAll()).toEqual([anActivation()]);
    });
  });
}
