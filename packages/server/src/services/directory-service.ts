import {
  Directory,
  KIND_SPECS,
  TandemError,
  checkNewPassword,
  passwordPolicyOf,
  planDelete,
  planUpsert,
  type AnyEntity,
  type Clock,
  type ConfigKind,
  type Credential,
  type DirectoryChange,
  type ParsedFields,
  type Referrer,
  type TandemStore,
} from '@tandem/core';
import { Mutex } from '../util/mutex.js';
import type { PasswordHasher } from './password-hasher.js';

/** Checks a planned change against the directory before it; throws to refuse it (e.g. an escalation of rights). */
export type ChangeGuard = (change: DirectoryChange, before: Directory) => void;

export interface WriteOptions {
  /** The revision the client read (`If-Match`); a different stored revision refuses the write. */
  expectedRevision?: number | undefined;
  guard?: ChangeGuard | undefined;
}

export interface DirectoryChangeListener {
  (change: DirectoryChange, directory: Directory): void;
}

/**
 * The directory as the server keeps it: in memory for reads, written through to the store.
 * Every write is planned by core over the current directory, committed, then applied to memory,
 * one at a time, so what a client is told is done is what the database holds.
 */
export class DirectoryService {
  private current: Directory;
  private readonly writes = new Mutex();
  private readonly listeners: DirectoryChangeListener[] = [];

  private constructor(
    private readonly store: TandemStore,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    directory: Directory,
  ) {
    this.current = directory;
  }

  static async load(deps: { store: TandemStore; clock: Clock; hasher: PasswordHasher }): Promise<DirectoryService> {
    const records = await deps.store.directory.loadAll();
    return new DirectoryService(deps.store, deps.clock, deps.hasher, Directory.fromRecords(records));
  }

  get directory(): Directory {
    return this.current;
  }

  onChange(listener: DirectoryChangeListener): void {
    this.listeners.push(listener);
  }

  /** Rebuilds memory from the store (after a switchover or to check consistency). */
  async reload(): Promise<void> {
    await this.writes.run(async () => {
      this.current = Directory.fromRecords(await this.store.directory.loadAll());
    });
  }

  /** The API form of an entity: workgroups gain their derived `members`. */
  view(kind: ConfigKind, entity: AnyEntity): Record<string, unknown> {
    if (kind === 'workgroups') return { ...entity, members: this.current.memberIds(entity.id) };
    return { ...entity };
  }

  async create(kind: ConfigKind, id: string, fields: ParsedFields, options: WriteOptions = {}): Promise<AnyEntity> {
    const password = kind === 'users' ? (fields.password as string) : undefined;
    if (password !== undefined) checkNewPassword(passwordPolicyOf(this.current), password);
    const passwordHash = password !== undefined ? await this.hasher.hash(password) : undefined;
    return this.writes.run(async () => {
      const now = this.clock.now();
      const change = planUpsert({ directory: this.current, now }, { kind, id, fields, create: true });
      options.guard?.(change, this.current);
      await this.store.transaction(async (tx) => {
        await tx.directory.apply(change);
        if (passwordHash !== undefined)
          await tx.credentials.put({
            userId: id,
            passwordHash,
            passwordChangedAt: now,
            mustChange: false,
            failedAttempts: 0,
            lockedUntil: null,
          });
      });
      return this.commit(kind, id, change);
    });
  }

  async update(kind: ConfigKind, id: string, fields: ParsedFields, options: WriteOptions = {}): Promise<AnyEntity> {
    return this.writes.run(async () => {
      const now = this.clock.now();
      const { expectedRevision } = options;
      const op = { kind, id, fields, create: false, ...(expectedRevision !== undefined ? { expectedRevision } : {}) };
      const change = planUpsert({ directory: this.current, now }, op);
      options.guard?.(change, this.current);
      await this.store.directory.apply(change);
      return this.commit(kind, id, change);
    });
  }

  /** Deletes an entity; `inUse` adds referrers only the caller knows (e.g. users now in a status). */
  async remove(kind: ConfigKind, id: string, inUse: () => Referrer[] = () => []): Promise<void> {
    await this.writes.run(async () => {
      const change = planDelete({ directory: this.current, now: this.clock.now() }, kind, id, inUse());
      await this.store.transaction(async (tx) => {
        await tx.directory.apply(change);
        if (kind === 'users') {
          await tx.credentials.delete(id);
          await tx.presence.delete(id);
        }
      });
      this.current.apply(change);
      for (const listener of this.listeners) listener(change, this.current);
    });
  }

  /** Sets a user's password. An administrator's reset makes the user choose a new one at next logon. */
  async setPassword(userId: string, password: string, options: { mustChange: boolean; field?: string }): Promise<void> {
    if (!this.current.has('users', userId)) throw new TandemError('NOT_FOUND', `no user '${userId}'`);
    checkNewPassword(passwordPolicyOf(this.current), password, options.field);
    const passwordHash = await this.hasher.hash(password);
    const credential: Credential = {
      userId,
      passwordHash,
      passwordChangedAt: this.clock.now(),
      mustChange: options.mustChange,
      failedAttempts: 0,
      lockedUntil: null,
    };
    await this.store.credentials.put(credential);
  }

  private commit(kind: ConfigKind, id: string, change: DirectoryChange): AnyEntity {
    this.current.apply(change);
    for (const listener of this.listeners) listener(change, this.current);
    const entity = this.current.get(kind, id);
    if (!entity) throw new Error(`${KIND_SPECS[kind].noun} '${id}' vanished after commit`);
    return entity;
  }
}
