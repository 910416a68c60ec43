import {
  type RightSet,
  TandemError,
  afterFailedLogon,
  afterSuccessfulLogon,
  checkNotLocked,
  effectiveLicences,
  effectiveRights,
  passwordChangeDue,
  passwordPolicyOf,
  stationKey,
  type Clock,
  type IdSource,
  type LicenceType,
  type Session,
  type SessionEndReason,
  type Station,
  type TandemStore,
} from '@tandem/core';
import { sha256Hex } from '../util/system-ports.js';
import { Mutex } from '../util/mutex.js';
import type { DirectoryService } from './directory-service.js';
import type { PasswordHasher } from './password-hasher.js';
import type { PresenceService } from './presence-service.js';
import type { SessionStreams } from './ports.js';

/** A session as the server holds it in memory, with what requests need at hand. */
export interface ActiveSession {
  session: Session;
  /** Set at logon when the password has expired or was reset: only a password change is allowed. */
  passwordChangeRequired: boolean;
  /** Event streams open on this session; a session with one open does not time out. */
  openStreams: number;
}

export interface LogonResult {
  active: ActiveSession;
  token: string;
}

const CLIENT_ACCESS: LicenceType = 'client-access';

/**
 * Logon, logoff, session timeout and stations. One session per user: logging on elsewhere ends the
 * old one. The client-access licence is concurrent: counted over active sessions, so it is given
 * back the moment a session ends for any reason.
 */
export class SessionService {
  private readonly byId = new Map<string, ActiveSession>();
  private readonly byTokenHash = new Map<string, ActiveSession>();
  private readonly logons = new Mutex();
  private readonly touched = new Set<string>();

  constructor(
    private readonly deps: {
      store: TandemStore;
      directory: DirectoryService;
      presence: PresenceService;
      clock: Clock;
      ids: IdSource;
      hasher: PasswordHasher;
      streams: SessionStreams;
    },
  ) {}

  /** Rebuilds the active sessions from the store (at start, or after a switchover). */
  async load(): Promise<void> {
    this.byId.clear();
    this.byTokenHash.clear();
    for (const session of await this.deps.store.sessions.listActive()) {
      const credential = await this.deps.store.credentials.get(session.userId);
      const user = this.deps.directory.directory.get('users', session.userId);
      const policy = passwordPolicyOf(this.deps.directory.directory);
      const due =
        credential && user
          ? passwordChangeDue(policy, credential, user.passwordNeverExpires, this.deps.clock.now())
          : false;
      this.remember({ session, passwordChangeRequired: due, openStreams: 0 });
    }
  }

  get activeCount(): number {
    return this.byId.size;
  }

  licencesInUse(type: LicenceType): number {
    let n = 0;
    for (const a of this.byId.values()) if (a.session.licences.includes(type)) n += 1;
    return n;
  }

  byIdOf(sessionId: string): ActiveSession | undefined {
    return this.byId.get(sessionId);
  }

  /** Whether a session is logged on to a workstation with this id, or a remote station with this number. */
  stationInUse(id: string): boolean {
    for (const { session } of this.byId.values()) {
      const st = session.station;
      if ((st.type === 'workstation' && st.id === id) || (st.type === 'remote' && st.number === id)) return true;
    }
    return false;
  }

  sessionOfUser(userId: string): ActiveSession | undefined {
    for (const a of this.byId.values()) if (a.session.userId === userId) return a;
    return undefined;
  }

  rightsOf(userId: string): RightSet {
    return effectiveRights(this.deps.directory.directory, userId);
  }

  licencesOf(userId: string): LicenceType[] {
    const user = this.deps.directory.directory.get('users', userId);
    return effectiveLicences(user?.licences ?? []);
  }

  async logon(input: {
    userId: string;
    password: string;
    station?: Station | undefined;
    force?: boolean | undefined;
  }): Promise<LogonResult> {
    const { store, directory, clock, hasher } = this.deps;
    const refused = () => new TandemError('LOGON_FAILED', 'the user id or the password is wrong');
    const user = directory.directory.get('users', input.userId);
    const credential = user ? await store.credentials.get(user.id) : undefined;
    if (!user || !credential) {
      // Spend the same time as a real check so unknown ids cannot be told apart by timing.
      await hasher.verify(
        '$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        input.password,
      );
      throw refused();
    }
    checkNotLocked(credential, clock.now());
    const policy = passwordPolicyOf(directory.directory);
    if (!(await hasher.verify(credential.passwordHash, input.password))) {
      const failed = afterFailedLogon(policy, credential, clock.now());
      await store.credentials.put(failed);
      checkNotLocked(failed, clock.now());
      throw refused();
    }
    if (!user.enabled) throw new TandemError('LOGON_FAILED', `user '${user.id}' is disabled`);
    if (credential.failedAttempts > 0 || credential.lockedUntil !== null)
      await store.credentials.put(afterSuccessfulLogon(credential));
    const passwordChangeRequired = passwordChangeDue(policy, credential, user.passwordNeverExpires, clock.now());
    const station = input.station ?? { type: 'none' };

    return this.logons.run(async () => {
      const previous = this.sessionOfUser(user.id);
      const limit = directory.directory.get('licences', CLIENT_ACCESS)?.count ?? 0;
      const inUse = this.licencesInUse(CLIENT_ACCESS) - (previous ? 1 : 0);
      if (inUse >= limit)
        throw new TandemError(
          'LICENCE_UNAVAILABLE',
          `no client access licence is free (${inUse} of ${limit} in use); try again when someone logs off`,
        );
      await this.claimStation(station, user.id, input.force === true);
      if (previous) await this.end(previous.session.id, 'logged-on-elsewhere');
      const token = this.deps.ids.newSecret();
      const now = clock.now();
      const session: Session = {
        id: this.deps.ids.newId('ses'),
        userId: user.id,
        tokenHash: sha256Hex(token),
        csrfToken: this.deps.ids.newSecret(),
        station,
        licences: [CLIENT_ACCESS],
        createdAt: now,
        lastSeenAt: now,
        endedAt: null,
        endReason: null,
      };
      await this.deps.presence.setLoggedOn(user.id, true, stationKey(station), (tx) => tx.sessions.insert(session));
      const active = { session, passwordChangeRequired, openStreams: 0 };
      this.remember(active);
      return { active, token };
    });
  }

  /** The session of a bearer token or cookie, or undefined; ends it first if it has timed out. */
  async authenticate(token: string): Promise<ActiveSession | undefined> {
    const active = this.byTokenHash.get(sha256Hex(token));
    if (!active) return undefined;
    if (this.isExpired(active)) {
      await this.end(active.session.id, 'timeout');
      return undefined;
    }
    this.touch(active);
    return active;
  }

  touch(active: ActiveSession): void {
    active.session.lastSeenAt = this.deps.clock.now();
    this.touched.add(active.session.id);
  }

  /** Writes the batched activity times; the server calls it every few seconds and at close. */
  async flushActivity(): Promise<void> {
    if (this.touched.size === 0) return;
    const ids = [...this.touched];
    this.touched.clear();
    await this.deps.store.sessions.touch(ids, this.deps.clock.now());
  }

  /** Ends every session idle past the timeout; answers how many ended. */
  async sweep(): Promise<number> {
    const expired = [...this.byId.values()].filter((a) => this.isExpired(a));
    for (const a of expired) await this.end(a.session.id, 'timeout');
    return expired.length;
  }

  async end(sessionId: string, reason: SessionEndReason): Promise<void> {
    const active = this.byId.get(sessionId);
    if (!active) return;
    this.byId.delete(sessionId);
    this.byTokenHash.delete(active.session.tokenHash);
    await this.deps.store.sessions.end(sessionId, reason, this.deps.clock.now());
    this.deps.streams.endSession(sessionId, reason);
    if (this.deps.directory.directory.has('users', active.session.userId) && !this.sessionOfUser(active.session.userId))
      await this.deps.presence.setLoggedOn(active.session.userId, false, undefined);
  }

  async endSessionsOfUser(userId: string, reason: SessionEndReason): Promise<void> {
    for (const a of [...this.byId.values()]) if (a.session.userId === userId) await this.end(a.session.id, reason);
  }

  async setStation(active: ActiveSession, station: Station, force: boolean): Promise<void> {
    await this.logons.run(async () => {
      await this.claimStation(station, active.session.userId, force);
      await this.deps.store.sessions.setStation(active.session.id, station);
      active.session.station = station;
      await this.deps.presence.setLoggedOn(active.session.userId, true, stationKey(station));
    });
  }

  async changePassword(active: ActiveSession, oldPassword: string, newPassword: string): Promise<void> {
    const credential = await this.deps.store.credentials.get(active.session.userId);
    if (!credential || !(await this.deps.hasher.verify(credential.passwordHash, oldPassword)))
      throw new TandemError('VALIDATION_FAILED', 'oldPassword: is not the current password', {
        issues: [{ path: 'oldPassword', message: 'is not the current password' }],
      });
    if (oldPassword === newPassword)
      throw new TandemError('PASSWORD_POLICY_VIOLATION', 'newPassword: must differ from the current password', {
        issues: [{ path: 'newPassword', message: 'must differ from the current password' }],
      });
    await this.deps.directory.setPassword(active.session.userId, newPassword, {
      mustChange: false,
      field: 'newPassword',
    });
    active.passwordChangeRequired = false;
  }

  private async claimStation(station: Station, userId: string, force: boolean): Promise<void> {
    const key = stationKey(station);
    if (!key) return;
    const holder = [...this.byId.values()].find(
      (a) => a.session.userId !== userId && stationKey(a.session.station) === key,
    );
    if (!holder) return;
    if (!force)
      throw new TandemError(
        'STATION_IN_USE',
        `station ${key} is in use by '${holder.session.userId}'; log on with force to take it over`,
        {
          holder: holder.session.userId,
        },
      );
    // Taking over ends the holder's session: it learns why through its event stream.
    await this.end(holder.session.id, 'station-taken');
  }

  private isExpired(active: ActiveSession): boolean {
    if (active.openStreams > 0) return false;
    const timeoutMs = this.deps.directory.directory.intParameter('SessionTimeoutSeconds') * 1000;
    return this.deps.clock.now() - active.session.lastSeenAt > timeoutMs;
  }

  private remember(active: ActiveSession): void {
    this.byId.set(active.session.id, active);
    this.byTokenHash.set(active.session.tokenHash, active);
  }
}
