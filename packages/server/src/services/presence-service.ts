import {
  SYSTEM_STATUS_IDS,
  planStatusChange,
  type Clock,
  type RightSet,
  type StatusChange,
  type StorePorts,
  type TandemStore,
  type UserStatus,
} from '@tandem/core';
import { KeyedMutex } from '../util/mutex.js';
import type { DirectoryService } from './directory-service.js';
import type { EventSink } from './ports.js';

/** The API form of a status: with the status text and time in status. */
export interface UserStatusView extends UserStatus {
  statusText: string;
  timeInStatusSeconds: number;
}

/**
 * Users' presence, in memory and written through. Each user's changes are serialised so memory
 * and the store see them in the same order; each committed change is published on `user-status`.
 */
export class PresenceService {
  private readonly statuses = new Map<string, UserStatus>();
  private readonly perUser = new KeyedMutex();
  private readonly listeners: ((status: UserStatus) => void)[] = [];

  private constructor(
    private readonly store: TandemStore,
    private readonly directory: DirectoryService,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  static async load(deps: {
    store: TandemStore;
    directory: DirectoryService;
    clock: Clock;
    events: EventSink;
  }): Promise<PresenceService> {
    const service = new PresenceService(deps.store, deps.directory, deps.clock, deps.events);
    for (const status of await deps.store.presence.loadAll()) service.statuses.set(status.userId, status);
    return service;
  }

  /** Called after each committed change (the router follows availability through it). */
  onChange(listener: (status: UserStatus) => void): void {
    this.listeners.push(listener);
  }

  /** A status the server itself sets (e.g. ACD - Agent Not Answering); no rights or selectability apply. */
  async setBySystem(userId: string, statusId: string): Promise<void> {
    await this.perUser.run(userId, async () => {
      const current = this.get(userId);
      const { notes: _n, until: _u, forwardNumber: _f, ...rest } = current;
      await this.commit({ ...rest, statusId, changedAt: this.clock.now(), changedBy: 'system' });
    });
  }

  /** A user's status; users never seen are Gone Home and logged off. */
  get(userId: string): UserStatus {
    return (
      this.statuses.get(userId) ?? {
        userId,
        statusId: SYSTEM_STATUS_IDS.goneHome,
        changedAt: this.directory.directory.get('users', userId)?.createdAt ?? 0,
        changedBy: 'system',
        loggedOn: false,
      }
    );
  }

  view(status: UserStatus): UserStatusView {
    const text = this.directory.directory.get('status-messages', status.statusId)?.text ?? status.statusId;
    const seconds = Math.max(0, Math.floor((this.clock.now() - status.changedAt) / 1000));
    // Not `{ ...status, statusText, … }`: a spread followed by keys the source lacks takes V8's slow
    // path under Node 20, and its result is promoted to the old generation at once (bench/object-spread.ts).
    return Object.assign({}, status, { statusText: text, timeInStatusSeconds: seconds });
  }

  /** Users whose current status is `statusId` (a status in use cannot be deleted). */
  usersIn(statusId: string): string[] {
    return [...this.statuses.values()].filter((s) => s.statusId === statusId).map((s) => s.userId);
  }

  /** Sets a user's status on behalf of `actorId`; checks rights and the status rules in core. */
  async set(actor: { userId: string; rights: RightSet }, targetId: string, change: StatusChange): Promise<UserStatus> {
    return this.perUser.run(targetId, async () => {
      const next = planStatusChange(
        { directory: this.directory.directory, now: this.clock.now() },
        { actorId: actor.userId, actorRights: actor.rights, targetId, current: this.statuses.get(targetId) },
        change,
      );
      await this.commit(next);
      return next;
    });
  }

  /**
   * Marks a user logged on or off (by the session service); keeps the status itself. `alsoWrite`
   * runs in the same transaction (the session row), so a logon costs one commit, not two.
   */
  async setLoggedOn(
    userId: string,
    loggedOn: boolean,
    stationId: string | undefined,
    alsoWrite?: (tx: StorePorts) => Promise<void>,
  ): Promise<void> {
    await this.perUser.run(userId, async () => {
      const { stationId: _old, ...current } = this.get(userId);
      const next: UserStatus = { ...current, loggedOn };
      if (loggedOn && stationId) next.stationId = stationId;
      await this.commit(next, alsoWrite);
    });
  }

  forget(userId: string): void {
    this.statuses.delete(userId);
  }

  private async commit(next: UserStatus, alsoWrite?: (tx: StorePorts) => Promise<void>): Promise<void> {
    if (alsoWrite)
      await this.store.transaction(async (tx) => {
        await alsoWrite(tx);
        await tx.presence.put(next);
      });
    else await this.store.presence.put(next);
    this.statuses.set(next.userId, next);
    this.events.publish('user-status', 'changed', this.view(next), { userId: next.userId });
    for (const listener of this.listeners) listener(next);
  }
}
