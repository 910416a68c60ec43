import type { ChatMessage, ChatStore } from '@tandem/core';
import { CommitQueue } from '../../util/commit-queue.js';

export type NewChatMessage = Omit<ChatMessage, 'seq'>;
export type ChatMessageListener = (message: ChatMessage) => void;

/** Most chats whose last line numbers are read in one query. */
const LOAD_BATCH = 500;

/**
 * The transcripts of all chats: numbers each message (`seq` from 1 within its chat), commits it
 * with group commit, and only then resolves and tells the listeners. The next `seq` of a chat is
 * read from the store the first time the chat is written to after a start (`lastSeqs`), so
 * numbering continues after a restart and an acknowledged `seq` is never handed out twice.
 *
 * A batch that fails leaves a gap in the numbering of its chats; readers resume with `after`, so a
 * gap does no harm, while reusing a number would.
 */
export class ChatTranscripts {
  private readonly lastSeq = new Map<string, number>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly writes: CommitQueue<ChatMessage>;
  private readonly listeners: ChatMessageListener[] = [];
  private batch: { ids: Set<string>; done: Promise<void> } | undefined;
  private readonly appending = new Set<Promise<ChatMessage>>();

  constructor(private readonly store: ChatStore) {
    this.writes = new CommitQueue((messages) => this.store.append(messages));
  }

  /** Called after each message is committed, in `seq` order within a chat. */
  onMessage(listener: ChatMessageListener): void {
    this.listeners.push(listener);
  }

  /** Numbers, commits, then announces a message; resolves with it once durable. */
  append(draft: NewChatMessage): Promise<ChatMessage> {
    const appending = this.numberAndCommit(draft);
    this.appending.add(appending);
    const forget = () => this.appending.delete(appending);
    appending.then(forget, forget);
    return appending;
  }

  private async numberAndCommit(draft: NewChatMessage): Promise<ChatMessage> {
    const seq = await this.nextSeq(draft.interactionId);
    const message: ChatMessage = { ...draft, seq };
    await this.writes.write(message);
    for (const listener of this.listeners) listener(message);
    return message;
  }

  /**
   * A chat this server has just created: it has no transcript yet, so its numbering starts at 1
   * without a read (one query per new chat under load, for an answer known in advance).
   */
  began(interactionId: string): void {
    if (!this.lastSeq.has(interactionId) && !this.loading.has(interactionId)) this.lastSeq.set(interactionId, 0);
  }

  /** Messages with `seq > after`, oldest first, at most `limit`. */
  read(interactionId: string, after: number, limit: number): Promise<ChatMessage[]> {
    return this.store.transcript(interactionId, after, limit);
  }

  /** Forgets the numbering of a chat no longer live (it is read again if it is written to). */
  forget(interactionId: string): void {
    this.lastSeq.delete(interactionId);
  }

  /** Forgets the numbering of chats no longer live (it is read again if one is written to). */
  forgetExcept(live: (interactionId: string) => boolean): void {
    for (const id of this.lastSeq.keys()) if (!live(id)) this.lastSeq.delete(id);
  }

  /** Resolves when every message appended so far is committed (including those still being numbered). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.appending]);
    await this.writes.flush();
  }

  private async nextSeq(interactionId: string): Promise<number> {
    if (!this.lastSeq.has(interactionId)) await this.load(interactionId);
    const seq = (this.lastSeq.get(interactionId) ?? 0) + 1;
    this.lastSeq.set(interactionId, seq);
    return seq;
  }

  /**
   * One read per chat however many messages arrive meanwhile, and one query for all the chats first
   * written to in the same turn of the event loop (at most {@link LOAD_BATCH}): under a burst of new
   * chats, one query per chat filled the connection pool ahead of the interaction commits. A failed
   * read is retried by the next message.
   */
  private load(interactionId: string): Promise<void> {
    const pending = this.loading.get(interactionId);
    if (pending) return pending;
    if (!this.batch || this.batch.ids.size >= LOAD_BATCH) this.batch = this.startBatch();
    this.batch.ids.add(interactionId);
    this.loading.set(interactionId, this.batch.done);
    return this.batch.done;
  }

  private startBatch(): { ids: Set<string>; done: Promise<void> } {
    const ids = new Set<string>();
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        if (this.batch?.ids === ids) this.batch = undefined;
        return this.store.lastSeqs([...ids]);
      })
      .then((seqs) => {
        for (const id of ids) if (!this.lastSeq.has(id)) this.lastSeq.set(id, seqs.get(id) ?? 0);
      })
      .finally(() => {
        for (const id of ids) this.loading.delete(id);
      });
    return { ids, done };
  }
}
