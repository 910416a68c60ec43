import type {
  ActivationStore,
  AttachmentStore,
  ChatStore,
  CredentialStore,
  DirectoryStore,
  InteractionStore,
  PresenceStore,
  ProcessStore,
  SessionStore,
  StorePorts,
  TandemStore,
} from '@tandem/core';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { rethrowDriverError } from './driver-errors.js';
import { bindPorts } from './drizzle-ports.js';

/** A drizzle database or transaction on either engine: what the queries are written against. */
export type StoreDb = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/**
 * The store over a drizzle database. Both engines share every query; the subclasses only open and
 * close the connection.
 */
export abstract class DrizzleStore implements TandemStore {
  abstract readonly engine: TandemStore['engine'];
  readonly directory: DirectoryStore;
  readonly credentials: CredentialStore;
  readonly sessions: SessionStore;
  readonly presence: PresenceStore;
  readonly interactions: InteractionStore;
  readonly chat: ChatStore;
  readonly activations: ActivationStore;
  readonly attachments: AttachmentStore;
  readonly processes: ProcessStore;

  protected constructor(protected readonly db: StoreDb) {
    const ports = bindPorts(db, (fn) => db.transaction((tx) => fn(tx)));
    this.directory = ports.directory;
    this.credentials = ports.credentials;
    this.sessions = ports.sessions;
    this.presence = ports.presence;
    this.interactions = ports.interactions;
    this.chat = ports.chat;
    this.activations = ports.activations;
    this.attachments = ports.attachments;
    this.processes = ports.processes;
  }

  /**
   * Runs `fn` in one transaction; its writes commit when it resolves and roll back when it throws
   * (the error is rethrown). `fn` must use the ports it is given: on PGlite a call on the store's own
   * ports waits for the transaction to end, so awaiting one inside `fn` never finishes.
   */
  async transaction<T>(fn: (tx: StorePorts) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(bindPorts(tx, (inner) => inner(tx)))).catch(rethrowDriverError);
  }

  /** A round trip to the database; throws when it is unreachable or the store is closed. */
  async ping(): Promise<void> {
    await this.db.execute(sql`SELECT 1`).catch(rethrowDriverError);
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.db.execute(sql`SELECT pg_notify(${checkChannel(channel)}, ${payload})`).catch(rethrowDriverError);
  }

  abstract listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>>;

  abstract close(): Promise<void>;
}

/** Answers the channel name, or throws when it is not one LISTEN may name unquoted. */
export function checkChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`'${channel}' is not a notification channel name`);
  return channel;
}
