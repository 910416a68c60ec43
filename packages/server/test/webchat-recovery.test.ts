import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { aChatServer, asVisitor, channelsOf, startChat, type ChatTestServer } from './webchat-test-kit.js';

let s: ChatTestServer;
beforeEach(async () => {
  s = await aChatServer();
});
afterEach(async () => {
  await s.close();
});

describe('web chat transcripts across a restart', () => {
  it('keeps every acknowledged line when a new server is built on the same store, and numbers on after the last', async () => {
    const agent = await s.available('agent3');
    const visitor = await startChat(s);
    await s.settle();
    expect((await s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/pickup`, {})).statusCode).toBe(200);
    const as = asVisitor(s, visitor);
    // A burst from both sides: each 201 must mean the line is committed.
    const sent = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => as('POST', '/messages', { text: `customer ${i}` })),
      ...Array.from({ length: 10 }, (_, i) =>
        s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/chat/messages`, { text: `agent ${i}` }),
      ),
    ]);
    for (const r of sent) expect(r.statusCode, r.body).toBe(201);
    const acknowledged = new Map(
      sent.map((r, i) => [r.json().seq as number, i < 20 ? `customer ${i}` : `agent ${i - 20}`]),
    );
    expect(acknowledged.size, 'no seq handed out twice').toBe(30);

    // Crash-style: the first server is neither closed nor flushed; a second one reads the same store.
    const config = { ...loadConfig({}), logLevel: 'silent' as const };
    const rebuilt = await createServer({ config, store: s.store, clock: s.clock });
    await channelsOf(rebuilt, s.store, s.clock);
    try {
      const read = await rebuilt.app.inject({
        method: 'GET',
        url: `/api/v1/webchat/chats/${visitor.chatId}/messages?after=0&limit=500&token=${visitor.token}`,
      });
      expect(read.statusCode, read.body).toBe(200);
      const transcript = read.json().messages as { seq: number; text: string }[];
      for (const [seq, text] of acknowledged) expect(transcript).toContainEqual(expect.objectContaining({ seq, text }));
      const last = Math.max(...transcript.map((m) => m.seq));

      const next = await rebuilt.app.inject({
        method: 'POST',
        url: `/api/v1/webchat/chats/${visitor.chatId}/messages`,
        headers: { authorization: `Bearer ${visitor.token}` },
        payload: { text: 'after the restart' },
      });
      expect(next.statusCode, next.body).toBe(201);
      expect(next.json().seq).toBe(last + 1);
    } finally {
      await rebuilt.close();
    }
  });
});
