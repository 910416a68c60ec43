import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, postgresTestTarget, type TestDatabase } from '@tandem/store/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { api, startServerProcess } from './support/server-process.js';

const PASSWORD = 'acd-crash-password';
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});
const postgres = await postgresTestTarget();

async function freshStore(engine: 'pglite' | 'postgres'): Promise<Record<string, string>> {
  if (engine === 'postgres') {
    const db: TestDatabase = await createTestDatabase(postgres);
    cleanups.push(() => db.drop());
    return { TANDEM_DATABASE_URL: db.url, TANDEM_DEMO_PASSWORD: PASSWORD };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-acd-crash-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  return { TANDEM_DATA_DIR: dataDir, TANDEM_DEMO_PASSWORD: PASSWORD };
}

const logon = async (url: string, userId: string) =>
  (await api(url, 'POST', '/api/v1/connection', undefined, { userId, password: PASSWORD })).json.token as string;

describe.each([
  { engine: 'pglite' as const, skip: false },
  { engine: 'postgres' as const, skip: postgres.skip },
])('interactions after kill -9 under load ($engine)', ({ engine, skip }) => {
  it.skipIf(skip)(
    'are all back after restart, waiting in their workgroup queue or with the agent they were given to',
    async () => {
      const env = await freshStore(engine);
      const first = await startServerProcess(env);
      const admin = await logon(first.url, 'admin');
      // One available agent in Loans takes up to four chats; the rest wait in the queue.
      const agent = await logon(first.url, 'agent5');
      await api(first.url, 'PUT', '/api/v1/status/user-statuses/agent5', agent, { statusId: 'available' });

      const acknowledged: string[] = [];
      let killing: Promise<void> | undefined;
      await Promise.all(
        Array.from({ length: 120 }, async (_, i) => {
          const r = await api(first.url, 'POST', '/api/v1/interactions', admin, {
            type: i % 3 === 0 ? 'email' : 'chat',
            workgroupId: 'Loans',
            attributes: { Order: String(i) },
          }).catch(() => undefined);
          if (r?.status === 201) {
            acknowledged.push(r.json.id as string);
            if (acknowledged.length === 60) killing ??= first.kill9();
          }
        }),
      );
      await (killing ?? first.kill9());
      expect(acknowledged.length).toBeGreaterThanOrEqual(60);

      const second = await startServerProcess(env);
      try {
        const again = await logon(second.url, 'admin');
        const lost: string[] = [];
        const states = new Map<string, number>();
        for (const id of acknowledged) {
          const r = await api(second.url, 'GET', `/api/v1/interactions/${id}`, again);
          if (r.status !== 200) lost.push(`${id}: ${r.status}`);
          else states.set(r.json.state as string, (states.get(r.json.state as string) ?? 0) + 1);
        }
        expect(lost, second.output()).toEqual([]);
        // Nothing is lost in between: every interaction is waiting, or alerting / assigned to the agent.
        expect(
          [...states.keys()].every((s) => ['acd-wait-agent', 'acd-alerting', 'acd-assigned'].includes(s)),
          JSON.stringify([...states]),
        ).toBe(true);
        const queue = await api(second.url, 'GET', '/api/v1/queues/workgroups/Loans?limit=200', again);
        const inQueue = new Set((queue.json.items as { id: string }[]).map((i) => i.id));
        expect(acknowledged.filter((id) => !inQueue.has(id))).toEqual([]);
        // New interactions get new ids: none reuses an id given before the crash.
        const next = await api(second.url, 'POST', '/api/v1/interactions', again, {
          type: 'chat',
          workgroupId: 'Loans',
        });
        expect(next.status).toBe(201);
        expect(acknowledged).not.toContain(next.json.id);
      } finally {
        await second.stop();
      }
    },
  );

  it.skipIf(skip)('keep every acknowledged chat message in its transcript', async () => {
    const env = await freshStore(engine);
    const first = await startServerProcess(env);
    const chats = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const r = await api(first.url, 'POST', '/api/v1/webchat/chats', undefined, {
          workgroup: 'Support',
          displayName: `Visitor ${i}`,
        });
        expect(r.status, JSON.stringify(r.json)).toBe(201);
        return { chatId: r.json.chatId as string, token: r.json.token as string, acked: new Map<number, string>() };
      }),
    );
    let acks = 0;
    let killing: Promise<void> | undefined;
    await Promise.all(
      chats.map(async (chat) => {
        for (let n = 0; n < 40 && !killing; n++) {
          const text = `message ${n} of ${chat.chatId}`;
          const r = await api(
            first.url,
            'POST',
            `/api/v1/webchat/chats/${chat.chatId}/messages?token=${chat.token}`,
            undefined,
            { text },
          ).catch(() => undefined);
          if (r?.status !== 201) break;
          chat.acked.set(r.json.seq as number, text);
          if ((acks += 1) === 120) killing ??= first.kill9();
        }
      }),
    );
    await (killing ?? first.kill9());

    const second = await startServerProcess(env);
    try {
      for (const chat of chats) {
        const r = await api(
          second.url,
          'GET',
          `/api/v1/webchat/chats/${chat.chatId}/messages?token=${chat.token}&limit=500`,
        );
        expect(r.status, JSON.stringify(r.json)).toBe(200);
        const stored = new Map((r.json.messages as { seq: number; text: string }[]).map((m) => [m.seq, m.text]));
        const lost = [...chat.acked].filter(([seq, text]) => stored.get(seq) !== text);
        expect(lost, `chat ${chat.chatId} lost acknowledged messages`).toEqual([]);
      }
      // The chats go on: a new message gets the next number.
      const chat = chats[0]!;
      const next = await api(
        second.url,
        'POST',
        `/api/v1/webchat/chats/${chat.chatId}/messages?token=${chat.token}`,
        undefined,
        { text: 'after the restart' },
      );
      expect(next.status).toBe(201);
      expect(next.json.seq).toBeGreaterThan(Math.max(0, ...chat.acked.keys()));
    } finally {
      await second.stop();
    }
  });
});
