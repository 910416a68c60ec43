import {
  FakeClock,
  InteractionIdSequence,
  RoutingState,
  SYSTEM_ACTOR,
  applyCommand,
  createInteraction,
  directoryLookup,
  effectiveLicences,
  effectiveRights,
  routingAgentOf,
  routingWorkgroupOf,
  syncInteraction,
  type Interaction,
  type InteractionCommand,
  type InteractionContext,
  type RelaxationStep,
  type SkillRequirement,
} from '../src/index.js';
import { aDirectory } from './builders.js';

import { mulberry32 } from './seeded-random.js';

export const WORKGROUPS = ['W0', 'W1', 'W2', 'W3', 'W4'];
export const STATUSES = ['available', 'available', 'available', 'available', 'available-no-acd', 'at-lunch'];
/** Few requirement classes and priorities, so that same-class interactions meet often. */
export const REQUIREMENTS: { skills: SkillRequirement[]; relaxation: RelaxationStep[] }[] = [
  { skills: [], relaxation: [] },
  { skills: [{ skillId: 'S0', minProficiency: 50 }], relaxation: [] },
  {
    skills: [
      { skillId: 'S1', minProficiency: 30 },
      { skillId: 'S2', minProficiency: 60 },
    ],
    relaxation: [],
  },
  { skills: [{ skillId: 'S3', minProficiency: 80 }], relaxation: [{ afterSeconds: 20, lowerBy: 40 }] },
];
export const PRIORITIES = [25, 50, 50, 75];

export interface Presence {
  loggedOn: boolean;
  statusId: string;
  active: Set<string>;
}

/**
 * The server in miniature: a directory, the interaction state machine and the router, driven the
 * way the server drives them (command, then `syncInteraction`, then `decide` and apply).
 */
export class RandomWorld {
  readonly rand: () => number;
  readonly clock = new FakeClock(1_700_000_000_000);
  readonly directory;
  readonly lookup;
  readonly ids = new InteractionIdSequence();
  readonly router = new RoutingState();
  /** Live interactions; disconnected ones move to `finished`. */
  readonly interactions = new Map<string, Interaction>();
  readonly finished = new Set<string>();
  readonly presence = new Map<string, Presence>();
  /** `${interactionId}|${userId}` → until when the agent may not be offered it again. */
  readonly exclusions = new Map<string, number>();
  readonly agentIds: string[] = [];

  constructor(
    readonly seed: number,
    agents = 40,
  ) {
    this.rand = mulberry32(seed);
    const b = aDirectory().withBase();
    for (const s of ['S0', 'S1', 'S2', 'S3']) b.aSkill(s);
    b.aWorkgroup('W0')
      .aWorkgroup('W1', { utilization: { chat: { utilization: 50, maxAssignable: 2 } } })
      .aWorkgroup('W2', { alertTimeoutSeconds: 10 })
      .aWorkgroup('W3', { utilization: { email: { utilization: 50, maxAssignable: 2 } } })
      .aWorkgroup('W4', { alertTimeoutSeconds: 30 });
    for (let i = 0; i < agents; i++) b.anAgent(`A${i}`, this.agentFields());
    this.directory = b.directory;
    this.lookup = directoryLookup(this.directory);
    for (const wg of this.directory.list('workgroups')) this.router.upsertWorkgroup(routingWorkgroupOf(wg));
    for (const user of this.directory.list('users')) {
      this.agentIds.push(user.id);
      this.presence.set(user.id, { loggedOn: true, statusId: 'available', active: new Set(user.workgroups) });
      this.pushAgent(user.id);
    }
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rand() * list.length)] as T;
  }

  private agentFields(): Record<string, unknown> {
    const workgroups = WORKGROUPS.filter(() => this.rand() < 0.4);
    const licences = ['acd-chat', 'acd-email', 'acd-callback'].filter(() => this.rand() < 0.8);
    const skills = ['S0', 'S1', 'S2', 'S3']
      .filter(() => this.rand() < 0.6)
      .map((skillId) => ({
        skillId,
        proficiency: 10 + Math.floor(this.rand() * 91),
        desireToUse: 1 + Math.floor(this.rand() * 100),
      }));
    const utilization = this.rand() < 0.25 ? { chat: { utilization: 20, maxAssignable: 5 } } : {};
    const rights = [
      { type: 'security', right: 'transfer' },
      { type: 'queue', queueType: 'workgroup', target: '*', level: 'search' },
    ];
    return { workgroups, licences, skills, utilization, rights };
  }

  get now(): number {
    return this.clock.now();
  }

  statusAcd(statusId: string): boolean {
    return this.directory.get('status-messages', statusId)?.availableForAcd ?? false;
  }

  pushAgent(userId: string): void {
    const p = this.presence.get(userId)!;
    const user = this.directory.get('users', userId)!;
    const agent = routingAgentOf(user, {
      loggedOn: p.loggedOn,
      statusId: p.statusId,
      availableForAcd: this.statusAcd(p.statusId),
      activeWorkgroups: [...p.active],
      idleSince: 0,
    });
    this.router.upsertAgent(agent, this.now);
  }

  ctx(who: string): InteractionContext {
    const actor =
      who === 'system'
        ? SYSTEM_ACTOR
        : { kind: 'user' as const, userId: who, rights: effectiveRights(this.directory, who) };
    return { now: this.now, actor, lookup: this.lookup };
  }

  /** Runs a command the way the server does: the state machine, then the router learns the result. */
  run(id: string, command: InteractionCommand, who = 'system'): Interaction {
    const ix = applyCommand(this.interactions.get(id)!, command, this.ctx(who)).interaction;
    this.interactions.set(id, ix);
    syncInteraction(this.router, ix, this.now);
    if (ix.state === 'disconnected') {
      this.interactions.delete(id);
      this.finished.add(id);
    }
    return ix;
  }

  arrive(): string {
    const req = this.pick(REQUIREMENTS);
    const ix = createInteraction(
      {
        type: this.pick(['chat', 'chat', 'email', 'callback'] as const),
        workgroupId: this.pick(WORKGROUPS),
        priority: this.pick(PRIORITIES),
        skills: req.skills,
        relaxation: req.relaxation,
      },
      { now: this.now, newId: this.ids.newId, lookup: this.lookup },
    );
    this.interactions.set(ix.id, ix);
    this.run(ix.id, { type: 'enqueue', workgroupId: ix.queue.id });
    return ix.id;
  }

  /** Interactions in one of the states, as a list to pick from. */
  inState(...states: Interaction['state'][]): Interaction[] {
    return [...this.interactions.values()].filter((ix) => states.includes(ix.state));
  }

  /** Whether the agent meets the interaction's capacity-free conditions (the oracle, not the router). */
  qualifies(userId: string, ix: Interaction): boolean {
    const p = this.presence.get(userId)!;
    const user = this.directory.get('users', userId)!;
    const wg = ix.workgroupId!;
    if (!p.loggedOn || !this.statusAcd(p.statusId) || !p.active.has(wg) || !user.workgroups.includes(wg)) return false;
    const licence = { chat: 'acd-chat', email: 'acd-email', callback: 'acd-callback' }[ix.type as string];
    if (!effectiveLicences(user.licences).some((l) => l === licence)) return false;
    const waited = this.now - ix.enteredQueueAt!;
    const lowered = ix.relaxation.filter((s) => s.afterSeconds * 1000 <= waited).reduce((n, s) => n + s.lowerBy, 0);
    const meets = ix.skills.every(
      (r) =>
        r.minProficiency - lowered <= 0 ||
        (user.skills.find((s) => s.skillId === r.skillId)?.proficiency ?? 0) >= r.minProficiency - lowered,
    );
    const until = this.exclusions.get(`${ix.id}|${userId}`);
    return meets && (until === undefined || this.now >= until);
  }
}
