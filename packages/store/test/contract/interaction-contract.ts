import type { InteractionRecord } from '@tandem/core';
import { describe, expect, it } from 'vitest';
import { aClosedInteraction, anInteraction } from '../builders.js';
import type { OpenStore } from '../store-contract.js';

const ids = (records: readonly InteractionRecord[]) => records.map((r) => r.id);

/** `count` open interactions `prefix-00000`, … created one millisecond apart. */
function manyInteractions(count: number, prefix = 'bulk'): InteractionRecord[] {
  return Array.from({ length: count }, (_, i) =>
    anInteraction({ id: `${prefix}-${String(i).padStart(5, '0')}`, createdAt: 1_000 + i, updatedAt: 1_000 + i }),
  );
}

export function describeInteractionContract(open: OpenStore): void {
  describe('interactions', () => {
    it('gives back an interaction exactly as saved, its JSON document included', async () => {
      const { store } = await open();
      const record = anInteraction({
        id: 'chat-ünïcødé "1"',
        state: 'connected',
        queueKey: 'user:agent-1',
        assignedUserId: 'agent-1',
        updatedAt: 4_102_444_800_000, // beyond 2^32 ms: needs bigint columns
        doc: {
          text: 'Line one\nline two — "quoted" back\\slash 🌞 日本語',
          nested: [[], [{ deep: [{ deeper: {} }] }]],
          numbers: [0, -1, 1.5, Number.MAX_SAFE_INTEGER],
          flags: { on: true, off: false, nothing: null },
        },
      });
      await store.interactions.saveMany([record]);
      expect(await store.interactions.get(record.id)).toStrictEqual(record);
      expect(await store.interactions.loadOpen()).toStrictEqual([record]);
    });

    it('keeps text that looks like NULL or like array syntax exactly as saved', async () => {
      const { store } = await open();
      const record = anInteraction({
        id: '{1,2}',
        state: 'NULL',
        queueKey: 'workgroup:"Sales", {North}',
        workgroupId: 'null',
        assignedUserId: '',
        doc: { braces: '{a,b}', quote: '"', backslash: '\\', nullText: 'NULL', empty: '' },
      });
      await store.interactions.saveMany([record, anInteraction({ id: 'NULL' })]);
      expect(await store.interactions.get('{1,2}')).toStrictEqual(record);
      expect(await store.interactions.get('NULL')).toStrictEqual(anInteraction({ id: 'NULL' }));
    });

    it('answers undefined for an interaction it does not know, and saves nothing for an empty batch', async () => {
      const { store } = await open();
      await store.interactions.saveMany([]);
      expect(await store.interactions.get('no-such-interaction')).toBeUndefined();
      expect(await store.interactions.loadOpen()).toEqual([]);
    });

    it('answers no last id while no ten-digit id is stored', async () => {
      const { store } = await open();
      expect(await store.interactions.lastId()).toBeUndefined();
      await store.interactions.saveMany([anInteraction({ id: 'chat-1' }), anInteraction({ id: '123456789' })]);
      expect(await store.interactions.lastId()).toBeUndefined();
    });

    it('answers the largest ten-digit id stored, closed ones included, passing over other ids', async () => {
      const { store } = await open();
      await store.interactions.saveMany([
        anInteraction({ id: '1000000009' }),
        aClosedInteraction({ id: '1000000120' }),
        anInteraction({ id: '1000000100' }),
        // Ids that sort above every ten-digit number, in any collation: they must not be the answer.
        anInteraction({ id: 'zz-imported' }),
        anInteraction({ id: '99999999999' }),
        anInteraction({ id: '9999999999x' }),
      ]);
      expect(await store.interactions.lastId()).toBe('1000000120');
    });

    it('loads open interactions oldest first, the id breaking ties', async () => {
      const { store } = await open();
      const newest = anInteraction({ id: 'a-newest', createdAt: 3_000 });
      const tiedB = anInteraction({ id: 'tied-b', createdAt: 2_000 });
      const tiedA = anInteraction({ id: 'tied-a', createdAt: 2_000 });
      const oldest = anInteraction({ id: 'z-oldest', createdAt: 1_000 });
      await store.interactions.saveMany([newest, tiedB, tiedA, oldest]);
      expect(ids(await store.interactions.loadOpen())).toEqual(['z-oldest', 'tied-a', 'tied-b', 'a-newest']);
    });

    it('leaves closed interactions out of the open ones but still gets them by id', async () => {
      const { store } = await open();
      const waiting = anInteraction({ id: 'waiting' });
      const closed = aClosedInteraction({ id: 'closed' });
      await store.interactions.saveMany([waiting, closed]);
      expect(await store.interactions.loadOpen()).toEqual([waiting]);

      const closedAt = waiting.updatedAt + 60_000;
      const nowClosed = { ...waiting, state: 'disconnected', queueKey: null, updatedAt: closedAt, closedAt };
      await store.interactions.saveMany([nowClosed]);
      expect(await store.interactions.loadOpen()).toEqual([]);
      expect(await store.interactions.get('waiting')).toEqual(nowClosed);
      expect(await store.interactions.get('closed')).toEqual(closed);
    });

    it('closes saved interactions without rewriting their documents, passing over unknown ids', async () => {
      const { store } = await open();
      const finished = anInteraction({
        id: 'finished',
        state: 'disconnected',
        queueKey: 'user:agent-1',
        updatedAt: 5_000,
      });
      const other = anInteraction({ id: 'other', updatedAt: 5_000 });
      await store.interactions.saveMany([finished, other]);
      await store.interactions.closeMany(['finished', 'never-saved'], 35_000);
      expect(await store.interactions.get('finished')).toStrictEqual({
        ...finished,
        queueKey: null,
        updatedAt: 35_000,
        closedAt: 35_000,
      });
      expect(await store.interactions.get('never-saved')).toBeUndefined();
      expect(await store.interactions.loadOpen()).toStrictEqual([other]);
      await store.interactions.closeMany([], 40_000);
    });

    it('leaves an interaction open when a later update than the close is stored', async () => {
      const { store } = await open();
      const reopened = anInteraction({ id: 'reopened', updatedAt: 9_000 });
      await store.interactions.saveMany([reopened]);
      await store.interactions.closeMany(['reopened'], 8_000);
      expect(await store.interactions.get('reopened')).toStrictEqual(reopened);
    });

    it('closes more interactions than one statement takes', async () => {
      const { store } = await open();
      const many = manyInteractions(5_200, 'closing');
      await store.interactions.saveMany(many);
      await store.interactions.closeMany(ids(many), 100_000);
      expect(await store.interactions.loadOpen()).toEqual([]);
      expect((await store.interactions.get('closing-05199'))?.closedAt).toBe(100_000);
    });

    it('replaces every column of an interaction saved again with a later update', async () => {
      const { store } = await open();
      const first = anInteraction({ updatedAt: 1_000 });
      await store.interactions.saveMany([first]);
      const later: InteractionRecord = {
        ...first,
        type: 'callback',
        state: 'connected',
        queueKey: 'user:agent-2',
        workgroupId: 'Support',
        assignedUserId: 'agent-2',
        updatedAt: 2_000,
        doc: { replaced: true },
      };
      await store.interactions.saveMany([later]);
      expect(await store.interactions.get(first.id)).toStrictEqual(later);
    });

    it('never lets an older update overwrite a newer stored one, and lets an equal time win', async () => {
      const { store } = await open();
      const current = anInteraction({ id: 'x', state: 'connected', updatedAt: 5_000 });
      const other = anInteraction({ id: 'y', updatedAt: 1_000 });
      await store.interactions.saveMany([current, other]);

      // A late batch: one row stale, one row fresh. The stale one is skipped, the fresh one written.
      const stale = { ...current, state: 'acd-wait-agent', updatedAt: 4_999 };
      const fresh = { ...other, state: 'alerting', updatedAt: 1_001 };
      await store.interactions.saveMany([stale, fresh]);
      expect(await store.interactions.get('x')).toEqual(current);
      expect(await store.interactions.get('y')).toEqual(fresh);

      const sameTime = { ...current, state: 'held', updatedAt: 5_000 };
      await store.interactions.saveMany([sameTime]);
      expect(await store.interactions.get('x')).toEqual(sameTime);
    });

    it('keeps the last of several saves of one interaction in a batch', async () => {
      const { store } = await open();
      const v1 = anInteraction({ state: 'offering', updatedAt: 1_000 });
      const v2 = { ...v1, state: 'alerting', updatedAt: 2_000 };
      const v3 = { ...v1, state: 'connected', updatedAt: 2_000 };
      await store.interactions.saveMany([v1, v2, anInteraction({ id: 'other' }), v3]);
      expect(await store.interactions.get(v1.id)).toEqual(v3);
      expect(await store.interactions.loadOpen()).toHaveLength(2);
    });

    it('keeps the newest of several saves of one interaction in a batch that lists them out of order', async () => {
      const { store } = await open();
      const newer = anInteraction({ state: 'connected', updatedAt: 2_000 });
      const older = { ...newer, state: 'alerting', updatedAt: 1_000 };
      await store.interactions.saveMany([newer, older]);
      expect(await store.interactions.get(newer.id)).toEqual(newer);
    });

    it('saves a batch of more than 500 interactions, duplicates across the 500-row boundary included', async () => {
      const { store } = await open();
      const records = manyInteractions(1_234);
      const first = records[10]!;
      const resaved = { ...first, state: 'connected', updatedAt: first.updatedAt + 1 };
      await store.interactions.saveMany([...records.slice(0, 700), resaved, ...records.slice(700)]);
      const loaded = await store.interactions.loadOpen();
      expect(loaded).toHaveLength(1_234);
      expect(ids(loaded)).toEqual(ids(records));
      expect(loaded[10]).toEqual(resaved);
    });

    it('writes nothing of a batch of more than 500 interactions when its last statement fails', async () => {
      const { store } = await open();
      const kept = anInteraction({ id: 'kept', updatedAt: 1 });
      await store.interactions.saveMany([kept]);
      const records = [...manyInteractions(1_100), { ...kept, updatedAt: 2 }];
      // The last row cannot be stored (created_at is a bigint): the first two statements succeed, the third fails.
      records.push(anInteraction({ id: 'zz-broken', createdAt: 1.5 }));
      await expect(store.interactions.saveMany(records)).rejects.toThrow();
      expect(await store.interactions.loadOpen()).toEqual([kept]);
    });

    it('ends with the newest version of every row when overlapping batches are saved concurrently', async () => {
      const { store } = await open();
      const base = manyInteractions(600);
      // Each batch holds every row, shuffled differently, stamped with its own time.
      const batches = Array.from({ length: 8 }, (_, b) =>
        shuffle(
          base.map((r) => ({ ...r, state: `batch-${b}`, updatedAt: 10_000 + b })),
          b + 1,
        ),
      );
      await Promise.all(batches.map((batch) => store.interactions.saveMany(batch)));
      const states = new Set((await store.interactions.loadOpen()).map((r) => r.state));
      expect([...states]).toEqual(['batch-7']);
    });

    describe('closed ones, for history', () => {
      const closedAt = (id: string, at: number, more: Partial<InteractionRecord> = {}) =>
        aClosedInteraction({ id, closedAt: at, updatedAt: at, ...more });

      it('lists interactions closed from `since` up to but not including `until`, oldest first', async () => {
        const { store } = await open();
        await store.interactions.saveMany([
          closedAt('before', 999),
          closedAt('at-since', 1_000),
          closedAt('tie-b', 1_500),
          closedAt('tie-a', 1_500),
          closedAt('last-in', 1_999),
          closedAt('at-until', 2_000),
          anInteraction({ id: 'open', createdAt: 1_500 }),
        ]);
        const listed = await store.interactions.listClosed({ since: 1_000, until: 2_000, limit: 100 });
        expect(ids(listed)).toEqual(['at-since', 'tie-a', 'tie-b', 'last-in']);
      });

      it('lists only the closed interactions of a workgroup, an agent, or both', async () => {
        const { store } = await open();
        await store.interactions.saveMany([
          closedAt('sales-1', 1_001, { workgroupId: 'Sales', assignedUserId: 'agent-1' }),
          closedAt('sales-2', 1_002, { workgroupId: 'Sales', assignedUserId: 'agent-2' }),
          closedAt('support-1', 1_003, { workgroupId: 'Support', assignedUserId: 'agent-1' }),
          closedAt('direct-1', 1_004, { workgroupId: null, assignedUserId: 'agent-1' }),
          closedAt('abandoned', 1_005, { workgroupId: 'Sales', assignedUserId: null }),
        ]);
        const list = (filter: { workgroupId?: string; assignedUserId?: string }) =>
          store.interactions.listClosed({ since: 0, until: 10_000, limit: 100, ...filter }).then(ids);
        expect(await list({ workgroupId: 'Sales' })).toEqual(['sales-1', 'sales-2', 'abandoned']);
        expect(await list({ assignedUserId: 'agent-1' })).toEqual(['sales-1', 'support-1', 'direct-1']);
        expect(await list({ workgroupId: 'Sales', assignedUserId: 'agent-1' })).toEqual(['sales-1']);
        expect(await list({ workgroupId: 'Nobody' })).toEqual([]);
        expect(await list({})).toHaveLength(5);
      });

      it('lists only the closed interactions of a type', async () => {
        const { store } = await open();
        await store.interactions.saveMany([
          closedAt('chat-a', 1_001),
          closedAt('email-a', 1_002, { type: 'email' }),
          closedAt('email-b', 1_003, { type: 'email' }),
        ]);
        const listed = await store.interactions.listClosed({ since: 0, until: 10_000, limit: 100, type: 'email' });
        expect(ids(listed)).toEqual(['email-a', 'email-b']);
      });

      it('lists at most `limit` closed interactions, the oldest', async () => {
        const { store } = await open();
        await store.interactions.saveMany(Array.from({ length: 10 }, (_, i) => closedAt(`c-${i}`, 1_000 + i)));
        const listed = await store.interactions.listClosed({ since: 0, until: 10_000, limit: 3 });
        expect(ids(listed)).toEqual(['c-0', 'c-1', 'c-2']);
        expect(await store.interactions.listClosed({ since: 0, until: 10_000, limit: 0 })).toEqual([]);
      });

      it('lists nothing for an empty period', async () => {
        const { store } = await open();
        await store.interactions.saveMany([closedAt('c', 1_000)]);
        expect(await store.interactions.listClosed({ since: 1_000, until: 1_000, limit: 10 })).toEqual([]);
        expect(await store.interactions.listClosed({ since: 2_000, until: 1_000, limit: 10 })).toEqual([]);
      });
    });
  });
}

/** A deterministic shuffle (a linear congruential generator seeded by `seed`). */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
