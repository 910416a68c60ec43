import type { Directory } from '../directory/directory.js';
import type { RightSet } from '../rights/right-set.js';

/** What the interaction rules need to know of a workgroup. */
export interface WorkgroupFacts {
  id: string;
  displayName: string;
  hasQueue: boolean;
  active: boolean;
  wrapUpCodes: readonly string[];
  /** Whether agents are prompted for a wrap-up code after their part ends. */
  wrapUpRequired: boolean;
  /** How long the prompt stays open; 0 means `DEFAULT_WRAP_UP_SECONDS`. */
  wrapUpTimeoutSeconds: number;
}

/** Read-only facts of the directory the interaction rules consult. `directoryLookup` builds one. */
export interface InteractionLookup {
  /** A user's display name, or undefined when there is no such user. */
  userName(userId: string): string | undefined;
  workgroup(workgroupId: string): WorkgroupFacts | undefined;
  isMember(userId: string, workgroupId: string): boolean;
  /** The `AccountCodesEnabled` server parameter. */
  readonly accountCodesEnabled: boolean;
  accountCodeExists(code: string): boolean;
}

/** A user acting on an interaction, with the effective rights of the user. */
export interface ActingUser {
  kind: 'user';
  userId: string;
  rights: RightSet;
}

/** The server itself: the router, timers, channels (a customer's disconnect). Rights are not checked. */
export interface SystemActor {
  kind: 'system';
}

export type Actor = ActingUser | SystemActor;

export const SYSTEM_ACTOR: SystemActor = { kind: 'system' };

/** Tunables of the interaction rules, with the manual's defaults. */
export interface InteractionOptions {
  /** Longest time on hold before the hold limit applies; default 15 minutes. */
  holdLimitMs: number;
}

export const DEFAULT_HOLD_LIMIT_MS = 15 * 60_000;
/** Wrap-up prompt time when the workgroup sets none: the manual's "couple of minutes" retention. */
export const DEFAULT_WRAP_UP_SECONDS = 120;
export const DEFAULT_INTERACTION_OPTIONS: InteractionOptions = { holdLimitMs: DEFAULT_HOLD_LIMIT_MS };

/** Everything a command sees besides the interaction: time, who acts, the directory. */
export interface InteractionContext {
  now: number;
  actor: Actor;
  lookup: InteractionLookup;
  options?: Partial<InteractionOptions> | undefined;
}

/** An `InteractionLookup` over the in-memory directory. */
export function directoryLookup(directory: Directory): InteractionLookup {
  return {
    userName: (userId) => directory.get('users', userId)?.displayName,
    workgroup: (workgroupId) => {
      const wg = directory.get('workgroups', workgroupId);
      return (
        wg && {
          id: wg.id,
          displayName: wg.displayName,
          hasQueue: wg.hasQueue,
          active: wg.active,
          wrapUpCodes: wg.wrapUpCodes,
          wrapUpRequired: wg.wrapUpRequired,
          wrapUpTimeoutSeconds: wg.wrapUpTimeoutSeconds,
        }
      );
    },
    isMember: (userId, workgroupId) => directory.get('users', userId)?.workgroups.includes(workgroupId) ?? false,
    get accountCodesEnabled() {
      return directory.parameter('AccountCodesEnabled') === true;
    },
    accountCodeExists: (code) => directory.has('account-codes', code),
  };
}
