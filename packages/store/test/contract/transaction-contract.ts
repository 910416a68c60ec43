import { describe, expect, it } from 'vitest';
import {
  aChatMessage,
  aCredential,
  anActivation,
  anAttachment,
  anInteraction,
  aRecord,
  aSession,
  aStatus,
} from '../builders.js';
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

    it("commits the interaction ports' writes with the other ports' in one transaction", async () => {
      const { store } = await open();
      const interactions = Array.from({ length: 600 }, (_, i) => anInteraction({ id: `i-${1_000 + i}` }));
      const messages = Array.from({ length: 600 }, (_, i) => aChatMessage({ seq: i + 1 }));
      const bytes = new Uint8Array([0, 1, 254, 255]);
      await store.transaction(async (tx) => {
        await tx.credentials.put(aCredential());
        await tx.interactions.saveMany(interactions);
        await tx.chat.append(messages);
        await tx.activations.put(anActivation());
        await tx.attachments.put(anAttachment({ size: 4 }), bytes);
      });
      expect(await store.credentials.get('agent-1')).toEqual(aCredential());
      expect(await store.interactions.loadOpen()).toHaveLength(600);
      expect(await store.chat.lastSeqs(['chat-1'])).toEqual(new Map([['chat-1', 600]]));
      expect(await store.activations.loadAll()).toEqual([anActivation()]);
      expect(await store.attachments.get('attachment-1')).toEqual({
        attachment: anAttachment({ size: 4 }),
        data: bytes,
      });
    });

    it('writes nothing of any port when a transaction that saved interactions, chat, activations and attachments throws', async () => {
      const { store } = await open();
      const before = anInteraction({ id: 'before', updatedAt: 1 });
      await store.interactions.saveMany([before]);
      const failure = new Error('planned failure after the writes');
      await expect(
        store.transaction(async (tx) => {
          await tx.directory.apply({ upserts: [aRecord()], deletes: [] });
          await tx.presence.put(aStatus());
          // More than 500 rows each: several statements, which must join this transaction.
          await tx.interactions.saveMany([
            { ...before, state: 'changed', updatedAt: 2 },
            ...Array.from({ length: 1_200 }, (_, i) => anInteraction({ id: `i-${i}` })),
          ]);
          await tx.chat.append(Array.from({ length: 700 }, (_, i) => aChatMessage({ seq: i + 1 })));
          await tx.activations.put(anActivation());
          await tx.attachments.put(anAttachment(), new Uint8Array(256));
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await store.directory.loadAll()).toEqual([]);
      expect(await store.presence.loadAll()).toEqual([]);
      expect(await store.interactions.loadOpen()).toEqual([before]);
      expect(await store.chat.lastSeqs(['chat-1'])).toEqual(new Map([['chat-1', 0]]));
      expect(await store.activations.loadAll()).toEqual([]);
      expect(await store.attachments.get('attachment-1')).toBeUndefined();
    });

    it('rolls back the interactions and status saved in a transaction when its chat append is refused', async () => {
      const { store } = await open();
      await store.chat.append([aChatMessage({ seq: 1 })]);
      await expect(
        store.transaction(async (tx) => {
          await tx.interactions.saveMany([anInteraction()]);
          await tx.presence.put(aStatus());
          await tx.chat.append([aChatMessage({ seq: 2 }), aChatMessage({ seq: 1, text: 'again' })]);
        }),
      ).rejects.toMatchObject({ code: '23505' });
      expect(await store.interactions.loadOpen()).toEqual([]);
      expect(await store.presence.loadAll()).toEqual([]);
      expect((await store.chat.transcript('chat-1', 0, 10)).map((m) => m.seq)).toEqual([1]);
    });
  });
}
