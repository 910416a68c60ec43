import { describe, expect, it } from 'vitest';
import { anAttachment } from '../builders.js';
import type { OpenStore } from '../store-contract.js';

/** Every byte value, in order. */
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

/** `size` bytes that are not a repeating pattern a driver could get right by accident. */
function noise(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = 0x2545f491;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

export function describeAttachmentContract(open: OpenStore): void {
  describe('attachments', () => {
    it('gives back every byte value exactly, as a plain Uint8Array', async () => {
      const { store } = await open();
      const attachment = anAttachment({ size: ALL_BYTES.byteLength });
      await store.attachments.put(attachment, ALL_BYTES);
      const stored = await store.attachments.get(attachment.id);
      expect(stored).toStrictEqual({ attachment, data: ALL_BYTES });
      expect(stored?.data.buffer.byteLength).toBe(256); // its own memory, not a view into a shared pool
    });

    it('gives back a 5 MB file exactly', async () => {
      const { store } = await open();
      const data = noise(5 * 1024 * 1024);
      const attachment = anAttachment({ filename: 'recording.wav', contentType: 'audio/wav', size: data.byteLength });
      await store.attachments.put(attachment, data);
      const stored = await store.attachments.get(attachment.id);
      expect(stored?.attachment).toEqual(attachment);
      expect(stored?.data).toBeInstanceOf(Uint8Array);
      expect(stored?.data.byteLength).toBe(data.byteLength);
      // Compared as Buffers: a byte-by-byte diff of 5 MB would make a failure unreadable.
      expect(Buffer.from(stored!.data).equals(Buffer.from(data))).toBe(true);
    });

    it('stores an empty file and a view into a larger buffer by its own bytes only', async () => {
      const { store } = await open();
      await store.attachments.put(anAttachment({ id: 'empty', size: 0 }), new Uint8Array(0));
      const view = ALL_BYTES.subarray(10, 20);
      await store.attachments.put(anAttachment({ id: 'view', size: 10 }), view);
      expect((await store.attachments.get('empty'))?.data).toStrictEqual(new Uint8Array(0));
      expect((await store.attachments.get('view'))?.data).toStrictEqual(Uint8Array.from(view));
    });

    it('answers undefined for an attachment it does not know', async () => {
      const { store } = await open();
      expect(await store.attachments.get('no-such-attachment')).toBeUndefined();
    });

    it('lists the attachments of an owner oldest first, without their bytes', async () => {
      const { store } = await open();
      const later = anAttachment({ id: 'b-later', createdAt: 2_000 });
      const tieB = anAttachment({ id: 'tie-b', createdAt: 1_000 });
      const tieA = anAttachment({ id: 'tie-a', createdAt: 1_000 });
      const elsewhere = anAttachment({ id: 'elsewhere', ownerId: 'email-9' });
      for (const a of [later, tieB, tieA, elsewhere]) await store.attachments.put(a, ALL_BYTES);
      expect(await store.attachments.listFor('chat-1')).toStrictEqual([tieA, tieB, later]);
      expect(await store.attachments.listFor('nobody')).toEqual([]);
    });

    it('deletes the attachments named, answering how many there were, and leaves the others', async () => {
      const { store } = await open();
      for (const id of ['keep', 'drop-1', 'drop-2']) await store.attachments.put(anAttachment({ id }), ALL_BYTES);
      expect(await store.attachments.delete(['drop-1', 'drop-2', 'never-stored'])).toBe(2);
      expect(await store.attachments.get('drop-1')).toBeUndefined();
      expect((await store.attachments.listFor('chat-1')).map((a) => a.id)).toEqual(['keep']);
      expect(await store.attachments.delete([])).toBe(0);
    });

    it('replaces an attachment put again with the same id', async () => {
      const { store } = await open();
      await store.attachments.put(anAttachment(), ALL_BYTES);
      const renamed = anAttachment({ filename: 'renamed.txt', contentType: 'text/plain', size: 3 });
      await store.attachments.put(renamed, new Uint8Array([1, 2, 3]));
      expect(await store.attachments.get(renamed.id)).toStrictEqual({
        attachment: renamed,
        data: new Uint8Array([1, 2, 3]),
      });
    });
  });
}
