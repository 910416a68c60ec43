import type { ChatMessage } from '@tandem/core';
import { describe, expect, it } from 'vitest';
import { aChatMessage } from '../builders.js';
import type { OpenStore } from '../store-contract.js';

/** Lines 1…`count` of one chat. */
function lines(count: number, interactionId = 'chat-1', from = 1): ChatMessage[] {
  return Array.from({ length: count }, (_, i) =>
    aChatMessage({ interactionId, seq: from + i, text: `line ${from + i}`, at: 1_000 + from + i }),
  );
}

const seqs = (messages: readonly ChatMessage[]) => messages.map((m) => m.seq);

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

export function describeChatContract(open: OpenStore): void {
  describe('chat transcripts', () => {
    it('gives back messages exactly as appended, the attachment id absent when there is none', async () => {
      const { store } = await open();
      const greeting = aChatMessage({ seq: 1, text: 'Hallo 👋 "quoted"\nback\\slash — 日本語' });
      const file = aChatMessage({
        seq: 2,
        participantId: 'agent-1',
        participantType: 'agent',
        displayName: 'Agent One',
        kind: 'file',
        text: 'factuur.pdf',
        attachmentId: 'attachment-1',
        at: 4_102_444_800_000,
      });
      const joined = aChatMessage({ seq: 3, participantId: 'system', participantType: 'system', kind: 'system' });
      await store.chat.append([greeting, file, joined]);
      const transcript = await store.chat.transcript('chat-1', 0, 10);
      expect(transcript).toStrictEqual([greeting, file, joined]);
      expect(Object.keys(transcript[0]!)).not.toContain('attachmentId');
    });

    it('keeps text that looks like NULL or like array syntax exactly as appended', async () => {
      const { store } = await open();
      const messages = ['NULL', 'null', '', '{1,2}', 'a "quoted", {braced} back\\slash'].map((text, i) =>
        aChatMessage({ seq: i + 1, text, displayName: text }),
      );
      await store.chat.append(messages);
      expect(await store.chat.transcript('chat-1', 0, 10)).toStrictEqual(messages);
    });

    it('answers the messages after a seq, in order, at most `limit`, of that chat only', async () => {
      const { store } = await open();
      await store.chat.append([...lines(10, 'chat-1').reverse(), ...lines(3, 'chat-2')]);
      expect(seqs(await store.chat.transcript('chat-1', 4, 3))).toEqual([5, 6, 7]);
      expect(seqs(await store.chat.transcript('chat-1', 8, 100))).toEqual([9, 10]);
      expect(await store.chat.transcript('chat-1', 10, 100)).toEqual([]);
      expect(seqs(await store.chat.transcript('chat-2', 0, 100))).toEqual([1, 2, 3]);
      expect(await store.chat.transcript('no-such-chat', 0, 100)).toEqual([]);
    });

    it('appends to a transcript over several calls and does nothing for an empty one', async () => {
      const { store } = await open();
      await store.chat.append(lines(2));
      await store.chat.append([]);
      await store.chat.append(lines(2, 'chat-1', 3));
      expect(seqs(await store.chat.transcript('chat-1', 0, 100))).toEqual([1, 2, 3, 4]);
    });

    it('answers the last seq of each chat asked about, 0 for a chat without messages', async () => {
      const { store } = await open();
      // Ids with characters that need quoting in an array literal must be matched all the same.
      const odd = 'chat "quoted", {braced} back\\slash';
      await store.chat.append([...lines(7, 'chat-1'), ...lines(2, odd), ...lines(4, 'not-asked')]);
      const last = await store.chat.lastSeqs(['chat-1', odd, 'silent']);
      expect(Object.fromEntries(last)).toEqual({ 'chat-1': 7, [odd]: 2, silent: 0 });
      expect(await store.chat.lastSeqs([])).toEqual(new Map());
    });

    it('refuses a message whose seq is already stored, and writes nothing of that call', async () => {
      const { store } = await open();
      await store.chat.append(lines(2));
      const error = await failureOf(store.chat.append([...lines(2, 'chat-1', 3), aChatMessage({ seq: 2 })]));
      expect(error).toMatchObject({ code: '23505' });
      expect(String((error as Error).message)).not.toContain('line 3');
      expect(seqs(await store.chat.transcript('chat-1', 0, 100))).toEqual([1, 2]);
    });

    it('refuses a call that holds one seq twice', async () => {
      const { store } = await open();
      const error = await failureOf(
        store.chat.append([aChatMessage({ seq: 1 }), aChatMessage({ seq: 1, text: 'again' })]),
      );
      expect(error).toMatchObject({ code: '23505' });
      expect(await store.chat.transcript('chat-1', 0, 100)).toEqual([]);
    });

    it('writes nothing of a call of more than 500 messages whose duplicate comes last', async () => {
      const { store } = await open();
      await store.chat.append(lines(1, 'chat-1', 1_000));
      const error = await failureOf(store.chat.append(lines(1_000)));
      expect(error).toMatchObject({ code: '23505' });
      expect(seqs(await store.chat.transcript('chat-1', 0, 10_000))).toEqual([1_000]);
    });

    it('keeps chats apart that use the same seqs', async () => {
      const { store } = await open();
      await store.chat.append([aChatMessage({ interactionId: 'a', text: 'to a' })]);
      await store.chat.append([aChatMessage({ interactionId: 'b', text: 'to b' })]);
      expect((await store.chat.transcript('a', 0, 10)).map((m) => m.text)).toEqual(['to a']);
      expect((await store.chat.transcript('b', 0, 10)).map((m) => m.text)).toEqual(['to b']);
    });
  });
}
