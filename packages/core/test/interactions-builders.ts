import {
  FakeClock,
  InteractionIdSequence,
  SYSTEM_ACTOR,
  applyCommand,
  createInteraction,
  directoryLookup,
  effectiveRights,
  type ActingUser,
  type CommandResult,
  type Interaction,
  type InteractionCommand,
  type InteractionContext,
  type NewInteraction,
  type Right,
  type TandemError,
} from '../src/index.js';
import { aDirectory } from './builders.js';

const search: Right[] = [
  { type: 'queue', queueType: 'user', target: '*', level: 'search' },
  { type: 'queue', queueType: 'workgroup', target: '*', level: 'search' },
];
const security = (...rights: string[]) => rights.map((right) => ({ type: 'security', right }));

/**
 * Sales (wrap-up codes, prompt for 60 s; members may pick up from its queue) and Support (none). agent1 and agent2 are Sales members
 * with the usual agent rights; outsider may pick up from the Sales queue but is no member; boss
 * may act on every user queue; plain has no rights at all.
 */
export function anOrganisation() {
  return aDirectory()
    .withBase()
    .with('wrap-up-codes', 'Sale', { displayName: 'Sale' })
    .with('wrap-up-codes', 'NoSale', { displayName: 'No sale' })
    .with('account-codes', '1234', { name: 'Project 1234' })
    .with('server-parameters', 'AccountCodesEnabled', { value: true })
    .aWorkgroup('Sales', {
      wrapUpCodes: ['Sale', 'NoSale'],
      wrapUpRequired: true,
      wrapUpTimeoutSeconds: 60,
      // Members may pick up, transfer and disconnect in their workgroup's queue, as in the demo.
      rights: [
        {
          type: 'queue',
          queueType: 'workgroup',
          target: 'Sales',
          level: 'modify',
          actions: ['pickup', 'transfer', 'disconnect'],
        },
      ],
    })
    .aWorkgroup('Support')
    .anAgent('agent1', {
      displayName: 'Ada Lindqvist',
      workgroups: ['Sales'],
      rights: [
        ...search,
        ...security('transfer', 'request-assistance', 'account-code-verification'),
        { type: 'object', object: 'account-code', target: '*', access: 'view' },
      ],
    })
    .anAgent('agent2', {
      displayName: 'Bruno Okafor',
      workgroups: ['Sales'],
      rights: [...search, ...security('transfer')],
    })
    .anAgent('outsider', {
      displayName: 'Olga Outsider',
      rights: [{ type: 'queue', queueType: 'workgroup', target: 'Sales', level: 'modify', actions: ['pickup'] }],
    })
    .anAgent('boss', {
      displayName: 'Bea Boss',
      rights: [...search, { type: 'queue', queueType: 'user', target: '*', level: 'modify' }, ...security('transfer')],
    })
    .anAgent('plain', { displayName: 'Pat Plain' });
}

/** Interactions over `anOrganisation()` on a fake clock, with commands run as a user or the system. */
export class InteractionWorld {
  readonly clock = new FakeClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  readonly directory = anOrganisation().directory;
  readonly lookup = directoryLookup(this.directory);
  readonly ids = new InteractionIdSequence();

  user(userId: string): ActingUser {
    return { kind: 'user', userId, rights: effectiveRights(this.directory, userId) };
  }

  ctx(who: string = 'system', holdLimitMs?: number): InteractionContext {
    return {
      now: this.clock.now(),
      actor: who === 'system' ? SYSTEM_ACTOR : this.user(who),
      lookup: this.lookup,
      ...(holdLimitMs !== undefined && { options: { holdLimitMs } }),
    };
  }

  create(input: Partial<NewInteraction> = {}): Interaction {
    return createInteraction(
      { type: 'chat', workgroupId: 'Sales', ...input },
      { now: this.clock.now(), newId: this.ids.newId, lookup: this.lookup },
    );
  }

  run(ix: Interaction, command: InteractionCommand, who = 'system'): CommandResult {
    return applyCommand(ix, command, this.ctx(who));
  }

  /** Applies commands in turn, each as `[who, command]`, and answers the last interaction. */
  steps(ix: Interaction, ...steps: [string, InteractionCommand][]): Interaction {
    return steps.reduce((current, [who, command]) => this.run(current, command, who).interaction, ix);
  }

  /** A chat waiting in Sales. */
  waiting(input: Partial<NewInteraction> = {}): Interaction {
    return this.run(this.create(input), { type: 'enqueue', workgroupId: 'Sales' }).interaction;
  }

  /** A chat agent1 has picked up through the ACD. */
  assigned(userId = 'agent1', input: Partial<NewInteraction> = {}): Interaction {
    return this.steps(this.waiting(input), ['system', { type: 'alert-agent', userId }], [userId, { type: 'pickup' }]);
  }

  advance(seconds: number): this {
    this.clock.advance(seconds * 1000);
    return this;
  }

  nameOf = (userId: string) => this.lookup.userName(userId) ?? userId;
}

export const aWorld = () => new InteractionWorld();

/** The error code a function throws, or 'OK'. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as TandemError).code ?? String(e);
  }
  return 'OK';
}
