import type { Directory, MemberFacts, UserStatus } from '@tandem/core';

/** Where the facts of a member come from. */
export interface MemberSources {
  /** The directory now: a different object (after a reload) drops everything kept. */
  directory(): Directory;
  status(userId: string): Pick<UserStatus, 'loggedOn' | 'statusId'>;
  isActiveIn(userId: string, workgroupId: string): boolean;
  /** What the router counts the user carrying, by interaction type; undefined when nothing was ever counted. */
  loadOf(userId: string): { readonly counts: Readonly<Record<string, number>> } | undefined;
}

/**
 * Each workgroup's members as `MemberFacts`, kept between publications: building them afresh for
 * every publication (every workgroup, every second, ~50 members each) took a few microseconds a
 * member. A member's status and activation are read again when they change (`userChanged`), and
 * everything is dropped on a directory change (membership, status messages) or reload; whether a
 * member carries nothing moves with every assignment, so `of` reads it each time.
 *
 * The facts handed out are the kept objects, updated in place: read them before the next call.
 */
export class WorkgroupMembers {
  private readonly byWorkgroup = new Map<string, MemberFacts[]>();
  /** Each user's facts in the workgroups kept, to refresh them when the user changes. */
  private readonly byUser = new Map<string, { workgroupId: string; facts: MemberFacts }[]>();
  private builtFrom: Directory | undefined;

  constructor(private readonly sources: MemberSources) {}

  /** The facts of a workgroup's members now, in member id order. */
  of(workgroupId: string): readonly MemberFacts[] {
    const directory = this.sources.directory();
    if (directory !== this.builtFrom) {
      this.forgetAll();
      this.builtFrom = directory;
    }
    let members = this.byWorkgroup.get(workgroupId);
    if (!members) {
      members = directory.memberIds(workgroupId).map((userId) => this.keep(userId, workgroupId));
      this.byWorkgroup.set(workgroupId, members);
    }
    for (const m of members) {
      const load = this.sources.loadOf(m.userId);
      m.carriesNothing = load === undefined || carriesNothing(load.counts);
    }
    return members;
  }

  /** A user's status or activations changed. */
  userChanged(userId: string): void {
    for (const { workgroupId, facts } of this.byUser.get(userId) ?? []) this.refresh(facts, workgroupId);
  }

  /** Anything in the directory changed: users, workgroups or status messages may have. */
  forgetAll(): void {
    this.byWorkgroup.clear();
    this.byUser.clear();
  }

  private keep(userId: string, workgroupId: string): MemberFacts {
    const facts: MemberFacts = {
      userId,
      loggedOn: false,
      activated: false,
      availableForAcd: false,
      followUp: false,
      carriesNothing: true,
    };
    this.refresh(facts, workgroupId);
    let kept = this.byUser.get(userId);
    if (!kept) this.byUser.set(userId, (kept = []));
    kept.push({ workgroupId, facts });
    return facts;
  }

  private refresh(facts: MemberFacts, workgroupId: string): void {
    const { sources } = this;
    const status = sources.status(facts.userId);
    const message = sources.directory().get('status-messages', status.statusId);
    facts.loggedOn = status.loggedOn;
    facts.activated = sources.isActiveIn(facts.userId, workgroupId);
    facts.availableForAcd = message?.availableForAcd ?? false;
    facts.followUp = message?.followUp ?? false;
  }
}

/** No interaction of any type counted. */
function carriesNothing(counts: Readonly<Record<string, number>>): boolean {
  for (const type in counts) if (counts[type] !== 0) return false;
  return true;
}
