import {
  FakeClock,
  RoutingState,
  type Assignment,
  type RoutingAgent,
  type RoutingDecision,
  type RoutingOptions,
  type RoutingWorkgroup,
  type WaitingItem,
} from '../src/index.js';

export const ALL_ACD_LICENCES = [
  'acd-call',
  'acd-chat',
  'acd-email',
  'acd-callback',
  'acd-sms',
  'acd-generic',
] as const;

/** An agent who could take anything in Sales: logged on, Available, activated, licensed, no skills. */
export function anAgent(userId: string, overrides: Partial<RoutingAgent> = {}): RoutingAgent {
  return {
    userId,
    loggedOn: true,
    statusId: 'available',
    availableForAcd: true,
    activeWorkgroups: ['Sales'],
    licences: [...ALL_ACD_LICENCES],
    skills: [],
    utilization: {},
    idleSince: 0,
    ...overrides,
  };
}

export function aWorkgroup(id: string, overrides: Partial<RoutingWorkgroup> = {}): RoutingWorkgroup {
  return { id, utilization: {}, alertTimeoutSeconds: 15, ...overrides };
}

export const skill = (skillId: string, proficiency: number, desireToUse = 50) => ({
  skillId,
  proficiency,
  desireToUse,
});

/**
 * A routing scenario on a fake clock: workgroups and agents, interactions arriving, and the
 * decisions the router takes. `arrive` stamps `enteredQueueAt` with the clock.
 */
export class RoutingScenario {
  readonly clock = new FakeClock(1_000_000);
  readonly state: RoutingState;
  private readonly agents = new Map<string, RoutingAgent>();

  constructor(options: RoutingOptions = {}) {
    this.state = new RoutingState(options);
    this.state.upsertWorkgroup(aWorkgroup('Sales'));
  }

  get now(): number {
    return this.clock.now();
  }

  workgroup(id: string, overrides: Partial<RoutingWorkgroup> = {}): this {
    this.state.upsertWorkgroup(aWorkgroup(id, overrides));
    return this;
  }

  agent(userId: string, overrides: Partial<RoutingAgent> = {}): this {
    const agent = anAgent(userId, { ...this.agents.get(userId), ...overrides });
    this.agents.set(userId, agent);
    this.state.upsertAgent(agent, this.now);
    return this;
  }

  arrive(interactionId: string, overrides: Partial<WaitingItem> = {}): this {
    this.state.track(
      {
        state: 'waiting',
        interactionId,
        type: 'chat',
        workgroupId: 'Sales',
        priority: 50,
        enteredQueueAt: this.now,
        skills: [],
        relaxation: [],
        ...overrides,
      },
      this.now,
    );
    return this;
  }

  /** The agent picks up what it is alerted with: it becomes owned by the agent. */
  pickup(interactionId: string, a: Assignment): this {
    this.state.track(
      { state: 'owned', interactionId, type: a.type, userId: a.userId, workgroupId: a.workgroupId },
      this.now,
    );
    return this;
  }

  finish(interactionId: string): this {
    this.state.forget(interactionId, this.now);
    return this;
  }

  advance(seconds: number): this {
    this.clock.advance(seconds * 1000);
    return this;
  }

  decide(): RoutingDecision {
    return this.state.decide(this.now);
  }

  /** Decides and answers `interactionId → userId` of the new assignments. */
  assigned(): Record<string, string> {
    return Object.fromEntries(this.decide().assignments.map((a) => [a.interactionId, a.userId]));
  }
}

export const aScenario = (options: RoutingOptions = {}) => new RoutingScenario(options);
