import type { DirectoryChange } from '../directory/directory.js';
import type { DirectoryRecord } from '../directory/entities.js';
import type { ActivationStore, AttachmentStore, ChatStore, InteractionStore } from './interaction-store.js';
import type { ProcessStore } from './process-store.js';
import type { UserStatus } from '../presence/user-status.js';
import type { Credential } from '../sessions/credentials.js';
import type { Session, SessionEndReason, Station } from '../sessions/session.js';

/** Directory entities, one record per (kind, id). */
export interface DirectoryStore {
  loadAll(): Promise<DirectoryRecord[]>;
  /** Writes every upsert and delete of the change, all or nothing. */
  apply(change: DirectoryChange): Promise<void>;
}

export interface CredentialStore {
  get(userId: string): Promise<Credential | undefined>;
  put(credential: Credential): Promise<void>;
  delete(userId: string): Promise<void>;
}

export interface SessionStore {
  insert(session: Session): Promise<void>;
  /** Ends a session; a second call for an ended session changes nothing. */
  end(sessionId: string, reason: SessionEndReason, at: number): Promise<void>;
  setStation(sessionId: string, station: Station): Promise<void>;
  /** Records activity of many sessions at once (batched by the server, not durable per request). */
  touch(sessionIds: readonly string[], at: number): Promise<void>;
  /** Sessions not ended, oldest first. */
  listActive(): Promise<Session[]>;
}

export interface PresenceStore {
  loadAll(): Promise<UserStatus[]>;
  /** Saves the current status and appends it to the user's status history. */
  put(status: UserStatus): Promise<void>;
  delete(userId: string): Promise<void>;
  /** A user's past statuses, newest first (for statistics). */
  history(userId: string, limit: number): Promise<UserStatus[]>;
}

/** The ports a transaction sees: the same as the store's, bound to one transaction. */
export interface StorePorts {
  readonly directory: DirectoryStore;
  readonly credentials: CredentialStore;
  readonly sessions: SessionStore;
  readonly presence: PresenceStore;
  readonly interactions: InteractionStore;
  readonly chat: ChatStore;
  readonly activations: ActivationStore;
  readonly attachments: AttachmentStore;
  /** The process engine's definitions, flows, storage, completion, effect journal and nodes. */
  readonly processes: ProcessStore;
}

/** Everything Tandem keeps durably. Implemented on PGlite and on PostgreSQL with one contract suite. */
export interface TandemStore extends StorePorts {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: all its writes commit together or none do. */
  transaction<T>(fn: (tx: StorePorts) => Promise<T>): Promise<T>;
  /** A round trip to the database; throws when it is unreachable. */
  ping(): Promise<void>;
  /**
   * Sends `payload` to the listeners of `channel` of every server on this database, this one
   * included (PostgreSQL's NOTIFY). `channel` is lower-case letters, digits and underscores.
   */
  notify(channel: string, payload: string): Promise<void>;
  /**
   * Hears what is sent on `channel` (PostgreSQL's LISTEN); answers a function that stops. Best
   * effort: what is sent while the connection is down is not heard, so a listener also looks for
   * changes by itself now and then.
   */
  listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
