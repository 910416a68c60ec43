/**
 * Storage of the interaction server (issue 3): interactions, chat transcripts, workgroup
 * activations and attachments. The server keeps live interactions in memory and writes them
 * through in batches (group commit); these ports are what it commits to and rebuilds from.
 */

/** An interaction as stored: the columns queues and history are looked up by, and the whole document. */
export interface InteractionRecord {
  id: string;
  type: string;
  /** The machine state (`acd-wait-agent`, `connected`, `disconnected`, ...). */
  state: string;
  /** Where it sits: `workgroup:Sales`, `user:agent1`, `station:WS-12`; null once finished. */
  queueKey: string | null;
  workgroupId: string | null;
  assignedUserId: string | null;
  createdAt: number;
  updatedAt: number;
  /** Set when nothing more will happen to it (disconnected and wrapped up); closed ones are not loaded at start. */
  closedAt: number | null;
  /** The interaction as core models it. JSON. */
  doc: Record<string, unknown>;
}

export interface ClosedInteractionFilter {
  since: number;
  until: number;
  workgroupId?: string | undefined;
  assignedUserId?: string | undefined;
  /** Only interactions of this type (`email`, ...). */
  type?: string | undefined;
  limit: number;
}

export interface InteractionStore {
  /** Every interaction not closed, oldest first: what the server rebuilds its queues from. */
  loadOpen(): Promise<InteractionRecord[]>;
  get(id: string): Promise<InteractionRecord | undefined>;
  /**
   * The largest interaction id ever stored, open or closed (ids are ten-digit numbers, so the
   * largest string is the largest number); undefined when none. New ids continue after it.
   */
  lastId(): Promise<string | undefined>;
  /** Inserts or replaces many interactions (by id). A later `updatedAt` never loses to an earlier one. */
  saveMany(records: readonly InteractionRecord[]): Promise<void>;
  /**
   * Closes stored interactions without rewriting them: `closedAt` and `updatedAt` become `at` and
   * `queueKey` null, unless a later update is stored. Ids not stored are passed over (the server
   * closes an interaction long after its last change was committed).
   */
  closeMany(ids: readonly string[], at: number): Promise<void>;
  /** Interactions closed between `since` (inclusive) and `until` (exclusive), oldest first. */
  listClosed(filter: ClosedInteractionFilter): Promise<InteractionRecord[]>;
}

export type ChatParticipantType = 'customer' | 'agent' | 'supervisor' | 'system';

/** One line of a chat transcript; `seq` counts from 1 within its chat. */
export interface ChatMessage {
  interactionId: string;
  seq: number;
  participantId: string;
  participantType: ChatParticipantType;
  displayName: string;
  kind: 'text' | 'url' | 'file' | 'system';
  text: string;
  /** For `file`: the attachment id. */
  attachmentId?: string | undefined;
  at: number;
}

export interface ChatStore {
  /** Appends messages; a (interactionId, seq) already stored is refused (the server's seq is the truth). */
  append(messages: readonly ChatMessage[]): Promise<void>;
  /** The messages of a chat with seq > `afterSeq`, in order, at most `limit`. */
  transcript(interactionId: string, afterSeq: number, limit: number): Promise<ChatMessage[]>;
  /** The highest seq of each chat given (0 when none), to continue numbering after a restart. */
  lastSeqs(interactionIds: readonly string[]): Promise<Map<string, number>>;
}

/** Whether a user takes ACD interactions of a workgroup (the manual's workgroup activation). */
export interface Activation {
  userId: string;
  workgroupId: string;
  active: boolean;
  changedAt: number;
  changedBy: string;
}

export interface ActivationStore {
  loadAll(): Promise<Activation[]>;
  put(activation: Activation): Promise<void>;
  /** Forgets a user's activations (user deleted) or a workgroup's (workgroup deleted). */
  deleteFor(filter: { userId?: string; workgroupId?: string }): Promise<void>;
}

/** A file attached to an interaction: email attachments, chat file transfers, response library files. */
export interface Attachment {
  id: string;
  /** The interaction (or library) it belongs to. */
  ownerId: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: number;
}

export interface AttachmentStore {
  put(attachment: Attachment, data: Uint8Array): Promise<void>;
  get(id: string): Promise<{ attachment: Attachment; data: Uint8Array } | undefined>;
  listFor(ownerId: string): Promise<Attachment[]>;
  /** Removes the attachments with these ids (retention); answers how many there were. */
  delete(ids: readonly string[]): Promise<number>;
}
