import { describe, expect, it } from 'vitest';
import { aSession } from '../builders.js';
import type { OpenStore } from '../store-contract.js';

export function describeSessionContract(open: OpenStore): void {
  describe('sessions', () => {
    it('lists active sessions oldest first, with their station and licences', async () => {
      const { store } = await open();
      const middle = aSession({
        createdAt: 2_000,
        station: { type: 'remote', number: '+32 2 555 01 02', persistent: true },
      });
      const newest = aSession({ createdAt: 3_000, station: { type: 'none' }, licences: [] });
      const oldest = aSession({ createdAt: 1_000, licences: ['basic-client', 'acd-media-3', 'supervisor'] });
      for (const session of [middle, newest, oldest]) await store.sessions.insert(session);
      expect(await store.sessions.listActive()).toEqual([oldest, middle, newest]);
    });

    it('leaves ended sessions out of the active list', async () => {
      const { store } = await open();
      const ended = aSession();
      const active = aSession();
      await store.sessions.insert(ended);
      await store.sessions.insert(active);
      await store.sessions.end(ended.id, 'logoff', 5_000);
      expect(await store.sessions.listActive()).toEqual([active]);
    });

    it('keeps the first end of a session when it is ended again', async () => {
      const { store, sql } = await open();
      const session = aSession();
      await store.sessions.insert(session);
      await store.sessions.end(session.id, 'logged-on-elsewhere', 5_000);
      await store.sessions.end(session.id, 'timeout', 9_000);
      expect(await store.sessions.listActive()).toEqual([]);
      const rows = await sql(`SELECT ended_at, end_reason FROM sessions WHERE id = '${session.id}'`);
      expect(rows.map((r) => [Number(r.ended_at), r.end_reason])).toEqual([[5_000, 'logged-on-elsewhere']]);
    });

    it('does nothing when ending a session it does not know', async () => {
      const { store } = await open();
      const session = aSession();
      await store.sessions.insert(session);
      await store.sessions.end('no-such-session', 'logoff', 5_000);
      expect(await store.sessions.listActive()).toEqual([session]);
    });

    it('moves a session to another station', async () => {
      const { store } = await open();
      const session = aSession({ station: { type: 'workstation', id: 'W1' } });
      await store.sessions.insert(session);
      await store.sessions.setStation(session.id, { type: 'remote', number: '+44 20 7946 0000' });
      expect(await store.sessions.listActive()).toEqual([
        { ...session, station: { type: 'remote', number: '+44 20 7946 0000' } },
      ]);
    });

    it('records the activity of many sessions in one call', async () => {
      const { store } = await open();
      // Ids with characters that need quoting in an array literal must be matched all the same.
      const ids = ['plain', 'with "quotes"', 'back\\slash', 'comma,brace}{', 'ünïcødé', 'space d'];
      const sessions = ids.map((id) => aSession({ id, lastSeenAt: 1_000 }));
      const untouched = aSession({ id: 'untouched', lastSeenAt: 1_000 });
      for (const s of [...sessions, untouched]) await store.sessions.insert(s);
      await store.sessions.touch([...ids, 'unknown-id'], 8_000);
      const seen = new Map((await store.sessions.listActive()).map((s) => [s.id, s.lastSeenAt]));
      expect(Object.fromEntries(seen)).toEqual({
        ...Object.fromEntries(ids.map((id) => [id, 8_000])),
        untouched: 1_000,
      });
    });

    it('never moves activity backwards when an older touch arrives late', async () => {
      const { store } = await open();
      const session = aSession({ lastSeenAt: 1_000 });
      await store.sessions.insert(session);
      await store.sessions.touch([session.id], 9_000);
      await store.sessions.touch([session.id], 4_000);
      await store.sessions.touch([], 20_000);
      expect((await store.sessions.listActive()).map((s) => s.lastSeenAt)).toEqual([9_000]);
    });

    it('touches ten thousand sessions in one call', async () => {
      const { store } = await open();
      const session = aSession({ lastSeenAt: 1_000 });
      await store.sessions.insert(session);
      const ids = [...Array.from({ length: 10_000 }, (_, i) => `gone-${i}`), session.id];
      await store.sessions.touch(ids, 7_000);
      expect((await store.sessions.listActive()).map((s) => s.lastSeenAt)).toEqual([7_000]);
    });

    it('refuses a second session with the same token hash', async () => {
      const { store } = await open();
      const first = aSession();
      await store.sessions.insert(first);
      const second = aSession({ tokenHash: first.tokenHash });
      const error: unknown = await store.sessions.insert(second).then(
        () => undefined,
        (e: unknown) => e,
      );
      // PostgreSQL's unique_violation, the same on both engines, and no bind parameters (secrets) in the message.
      expect(error).toMatchObject({ code: '23505' });
      expect(String((error as Error).message)).not.toContain(second.csrfToken);
      expect(await store.sessions.listActive()).toEqual([first]);
    });
  });
}
