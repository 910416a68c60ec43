import type { ChatMessage, ChatStore } from '@tandem/core';
import { describe, expect, it } from 'vitest';
import { ChatTranscripts, type NewChatMessage } from '../src/channels/webchat/chat-transcripts.js';

/** A chat store in memory that counts its last-line reads. */
function aChatStore(stored: ChatMessage[] = []) {
  const reads: string[][] = [];
  const store: ChatStore = {
    async append(messages) {
      for (const m of messages) {
        if (stored.some((s) => s.interactionId === m.interactionId && s.seq === m.seq)) throw new Error('duplicate');
        stored.push(m);
      }
    },
    async transcript(id, after, limit) {
      return stored.filter((m) => m.interactionId === id && m.seq > after).slice(0, limit);
    },
    async lastSeqs(ids) {
      reads.push([...ids]);
      const last = new Map(ids.map((id) => [id, 0]));
      for (const m of stored)
        if (last.has(m.interactionId)) last.set(m.interactionId, Math.max(m.seq, last.get(m.interactionId)!));
      return last;
    },
  };
  return { store, reads, stored };
}

const line = (interactionId: string, text = 'hello'): NewChatMessage => ({
  interactionId,
  participantId: 'visitor-1',
  participantType: 'customer',
  displayName: 'Vera',
  kind: 'text',
  text,
  at: 0,
});

describe('chat transcripts', () => {
  it('reads the last line numbers of a burst of new chats in one query, not one per chat', async () => {
    const { store, reads } = aChatStore();
    const transcripts = new ChatTranscripts(store);
    const ids = Array.from({ length: 50 }, (_, i) => `10000000${String(i).padStart(2, '0')}`);
    const messages = await Promise.all(ids.map((id) => transcripts.append(line(id))));
    expect(messages.map((m) => m.seq)).toEqual(ids.map(() => 1));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toHaveLength(50);
  });

  it('numbers the lines of a chat it has just begun from 1 without reading the store', async () => {
    const { store, reads } = aChatStore();
    const transcripts = new ChatTranscripts(store);
    transcripts.began('1000000001');
    const first = await transcripts.append(line('1000000001'));
    const second = await transcripts.append(line('1000000001'));
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(reads).toEqual([]);
  });

  it('reads the numbering of a forgotten chat again from the store, and numbers on after its last line', async () => {
    const { store, reads } = aChatStore();
    const transcripts = new ChatTranscripts(store);
    transcripts.began('1000000001');
    await transcripts.append(line('1000000001'));
    await transcripts.append(line('1000000001'));
    transcripts.forget('1000000001');
    expect((await transcripts.append(line('1000000001', 'late'))).seq).toBe(3);
    expect(reads).toEqual([['1000000001']]);
  });

  it('keeps the numbering of a chat already numbered when told it began', async () => {
    const { store } = aChatStore();
    const transcripts = new ChatTranscripts(store);
    await transcripts.append(line('a'));
    transcripts.began('a');
    expect((await transcripts.append(line('a'))).seq).toBe(2);
  });

  it('continues the numbering of chats written before a restart, read together', async () => {
    const { store, reads } = aChatStore();
    const before = new ChatTranscripts(store);
    await before.append(line('a'));
    await before.append(line('a'));
    await before.append(line('b'));
    await before.flush();
    reads.length = 0;

    const after = new ChatTranscripts(store);
    const [a, b, c] = await Promise.all([after.append(line('a')), after.append(line('b')), after.append(line('c'))]);
    expect([a?.seq, b?.seq, c?.seq]).toEqual([3, 2, 1]);
    expect(reads).toEqual([['a', 'b', 'c']]);
  });

  it('numbers lines of one chat in order however many arrive while its number is read', async () => {
    const { store, reads } = aChatStore();
    const transcripts = new ChatTranscripts(store);
    const seqs = await Promise.all([1, 2, 3, 4].map((n) => transcripts.append(line('a', `line ${n}`))));
    expect(seqs.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(reads).toHaveLength(1);
  });
});
