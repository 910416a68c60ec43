import {
  InteractionIdSequence,
  RoutingState,
  TandemError,
  allowedActions,
  applyCommand,
  createInteraction,
  directoryLookup,
  displayState,
  requireInteraction,
  syncInteraction,
  type Actor,
  type Clock,
  type CommandResult,
  type Interaction,
  type InteractionCommand,
  type InteractionContext,
  type InteractionEvent,
  type InteractionLookup,
  type InteractionRecord,
  type NewInteraction,
  type QueueRef,
  type RightSet,
  type Directory,
  type TandemStore,
} from '@tandem/core';
import { CommitQueue } from '../util/commit-queue.js';
import { ActiveInteractions } from './active-interactions.js';
import type { DirectoryService } from './directory-service.js';
import { QueueIndex, fromInteractionRecord, queueKey, toInteractionRecord } from './interaction-records.js';
import { LiveInteractions } from './live-interactions.js';
import type { EventSink } from './ports.js';
import { SharedView, changedData, eventData, queueData, viewOf, type InteractionView } from './shared-view.js';

const PREFIX_LENGTH = 'interaction.'.length;
const EVENT_NAMES = new Map<string, string>();
/** `alerting` of `interaction.alerting`, one string per type (not a new one per event). */
function eventName(type: string): string {
  let name = EVENT_NAMES.get(type);
  if (name === undefined) EVENT_NAMES.set(type, (name = type.slice(PREFIX_LENGTH)));
  return name;
}

const QUEUE_SCOPES = new Map<string, { readonly queue: string }>();
/** The scope of a queue's events, one object per queue (events keep it in the replay ring). */
function queueScope(key: string): { readonly queue: string } {
  let scope = QUEUE_SCOPES.get(key);
  if (scope === undefined) QUEUE_SCOPES.set(key, (scope = Object.freeze({ queue: key })));
  return scope;
}

/** How long a finished interaction stays visible in queues before it is closed and dropped from memory. */
export const LINGER_MS = 30_000;

export type InteractionListener = (
  interaction: Interaction,
  events: InteractionEvent[],
  before: Interaction | undefined,
) => void;

export type { InteractionView } from './shared-view.js';

/**
 * The interactions the server holds: in memory for routing and queues, written through with group
 * commit. A change is applied in memory at once (so the router sees it), committed with whatever
 * else is pending, and only then acknowledged and published. The ACD router follows every change.
 */
export class InteractionService {
  private readonly live = new LiveInteractions();
  private readonly unfinished = new ActiveInteractions();
  private readonly queues = new QueueIndex();
  private readonly listeners: InteractionListener[] = [];
  private readonly appliedListeners: ((interaction: Interaction) => void)[] = [];
  private readonly droppedListeners: ((interactionId: string) => void)[] = [];
  /** Dropped from memory, but their close in the store failed: retried with the next purge. */
  private readonly unclosed: string[] = [];
  private readonly writes: CommitQueue<InteractionRecord>;
  readonly routing = new RoutingState();
  private lookupOver: Directory | undefined;
  private currentLookup: InteractionLookup | undefined;

  private constructor(
    private readonly store: TandemStore,
    private readonly directory: DirectoryService,
    private readonly clock: Clock,
    private readonly events: EventSink,
    private readonly ids: InteractionIdSequence,
  ) {
    // 500 rows is one upsert statement; bigger batches add latency, not throughput (bench/store-batches.ts).
    // PostgreSQL overlaps a few transactions (round trips, fsync); PGlite runs one at a time in this
    // thread anyway. A batch starts on the next turn, after the router's pass of this one, so that an
    // interaction's arrival and its alert usually commit as one row in one transaction.
    this.writes = new CommitQueue((records) => this.store.interactions.saveMany(records), {
      maxBatch: 500,
      maxInFlight: store.engine === 'postgres' ? 3 : 1,
      keyOf: (record) => record.id,
      gatherUntilImmediate: true,
    });
  }

  static async load(deps: {
    store: TandemStore;
    directory: DirectoryService;
    clock: Clock;
    events: EventSink;
  }): Promise<InteractionService> {
    const open = (await deps.store.interactions.loadOpen()).map(fromInteractionRecord);
    const lastId = await deps.store.interactions.lastId();
    const service = new InteractionService(
      deps.store,
      deps.directory,
      deps.clock,
      deps.events,
      InteractionIdSequence.after(lastId),
    );
    const now = deps.clock.now();
    for (const ix of open) {
      service.live.set(ix, now);
      service.queues.update(ix.id, ix);
      service.unfinished.update(ix);
    }
    return service;
  }

  /** Tells the router about every loaded interaction; call once agents and workgroups are known. */
  trackAll(): void {
    const now = this.clock.now();
    // Finished ones are nothing to the router.
    for (const ix of this.unfinished.all()) syncInteraction(this.routing, ix, now);
  }

  /** Called after each change is committed, with the events it published. */
  onChange(listener: InteractionListener): void {
    this.listeners.push(listener);
  }

  /**
   * Called as soon as a change is applied in memory (and the router knows it), before it is
   * committed: the ACD router decides on it at once, so that its alert joins the same commit.
   */
  onApplied(listener: (interaction: Interaction) => void): void {
    this.appliedListeners.push(listener);
  }

  /** Called for each finished interaction dropped from memory (closed in the store). */
  onDropped(listener: (interactionId: string) => void): void {
    this.droppedListeners.push(listener);
  }

  /** From memory; a finished one that still lingers is read back, a fresh copy each time. */
  get(id: string): Interaction | undefined {
    return this.live.get(id);
  }

  /** Whether the interaction is in memory (live, or finished and still lingering). */
  has(id: string): boolean {
    return this.live.has(id);
  }

  /** From memory, or from the store when it was closed already. */
  async find(id: string): Promise<Interaction> {
    const live = this.live.get(id);
    if (live) return live;
    const record = await this.store.interactions.get(id);
    if (!record) throw new TandemError('INTERACTION_NOT_FOUND', `no interaction '${id}'`);
    return fromInteractionRecord(record);
  }

  all(): IterableIterator<Interaction> {
    return this.live.values();
  }

  /** The live interactions not finished (not disconnected, or with a wrap-up still pending). */
  active(): IterableIterator<Interaction> {
    return this.unfinished.all();
  }

  /** Of those, the ones whose workgroup this is or with a wrap-up pending for it. */
  activeIn(workgroupId: string): IterableIterator<Interaction> {
    return this.unfinished.inWorkgroup(workgroupId);
  }

  /** The interactions showing in a queue: workgroup queues in routing order, others oldest first. */
  queue(ref: QueueRef, limit: number): { items: Interaction[]; total: number } {
    const key = queueKey(ref);
    const items = this.queues
      .ids(key)
      .map((id) => this.live.get(id))
      .filter((ix): ix is Interaction => ix !== undefined);
    const rank = (ix: Interaction) => (ix.state === 'acd-wait-agent' ? 0 : 1);
    items.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        b.priority - a.priority ||
        (a.enteredQueueAt ?? a.createdAt) - (b.enteredQueueAt ?? b.createdAt) ||
        (a.id < b.id ? -1 : 1),
    );
    return { items: items.slice(0, limit), total: items.length };
  }

  view(ix: Interaction, viewer?: { userId: string; rights: RightSet }): InteractionView {
    const view = viewOf(ix, displayState(ix, this.nameOf));
    if (viewer) view.allowedActions = allowedActions(ix, { kind: 'user', ...viewer }, this.lookup());
    return view;
  }

  context(actor: Actor): InteractionContext {
    return { now: this.clock.now(), actor, lookup: this.lookup() };
  }

  private readonly nameOf = (userId: string): string =>
    this.directory.directory.get('users', userId)?.displayName ?? userId;

  /**
   * The lookup reads the directory it was built over at each call, so one serves every command
   * until the service holds another directory (a reload): building one per command made five
   * closures each time, thousands a second under ACD load.
   */
  private lookup(): InteractionLookup {
    const directory = this.directory.directory;
    if (this.lookupOver !== directory) {
      this.lookupOver = directory;
      this.currentLookup = directoryLookup(directory);
    }
    return this.currentLookup as InteractionLookup;
  }

  /** Creates an interaction and, for an ACD one, puts it in its workgroup queue. Resolves once committed. */
  async create(input: NewInteraction, actor: Actor): Promise<Interaction> {
    const ctx = this.context(actor);
    const created = createInteraction(input, { now: ctx.now, newId: this.ids.newId, lookup: ctx.lookup });
    const results: CommandResult[] = [{ interaction: created, events: [] }];
    if (input.workgroupId !== undefined && input.ownerId === undefined)
      results.push(
        applyCommand(
          created,
          { type: 'enqueue', workgroupId: input.workgroupId },
          { ...ctx, actor: { kind: 'system' } },
        ),
      );
    const last = results[results.length - 1] as CommandResult;
    await this.commit(
      last.interaction,
      results.flatMap((r) => r.events),
      undefined,
    );
    return last.interaction;
  }

  /** Applies one command; throws what core throws (ACTION_NOT_ALLOWED, FORBIDDEN, ...). Resolves once committed. */
  async command(id: string, command: InteractionCommand, actor: Actor): Promise<Interaction> {
    const before = requireInteraction((i) => this.live.get(i), id);
    const result = applyCommand(before, command, this.context(actor));
    await this.commit(result.interaction, result.events, before);
    return result.interaction;
  }

  /** Commits the records of changes made outside `command` (the router's), all in one batch. */
  async commitMany(
    changes: { interaction: Interaction; events: InteractionEvent[]; before: Interaction | undefined }[],
  ): Promise<void> {
    await Promise.all(changes.map((c) => this.commit(c.interaction, c.events, c.before)));
  }

  /**
   * Drops from memory what finished LINGER_MS ago or more, and closes it in the store. Its last
   * change is committed first, so that the close never overtakes it.
   */
  async purgeFinished(): Promise<number> {
    const now = this.clock.now();
    const due = this.live.dropFinishedBy(now - LINGER_MS);
    if (due.length === 0 && this.unclosed.length === 0) return 0;
    for (const id of due) {
      const moved = this.queues.update(id, undefined);
      for (const key of moved.left)
        this.events.publish('queue', 'removed', { queue: key, interactionId: id }, { queue: key });
      for (const listener of this.droppedListeners) listener(id);
    }
    await this.writes.settledFor(new Set(due));
    // Those whose close failed are closed with the next ones (they are out of memory already).
    const closing = this.unclosed.length > 0 ? this.unclosed.splice(0).concat(due) : due;
    try {
      await this.store.interactions.closeMany(closing, now);
    } catch (error) {
      this.unclosed.push(...closing);
      throw error;
    }
    return due.length;
  }

  /** Resolves when everything accepted so far is committed. */
  flush(): Promise<void> {
    return this.writes.flush();
  }

  private async commit(ix: Interaction, events: InteractionEvent[], before: Interaction | undefined): Promise<void> {
    const now = this.clock.now();
    // Memory first, so that the router and the next command see the change at once.
    this.live.set(ix, now);
    syncInteraction(this.routing, ix, now);
    this.unfinished.update(ix);
    const moved = this.queues.update(ix.id, ix);
    for (const listener of this.appliedListeners) listener(ix);
    await this.writes.write(toInteractionRecord(ix, now, null));
    // Acknowledged and published only once durable.
    const view = new SharedView(ix, displayState(ix, this.nameOf));
    const scope = { interactionId: ix.id, userId: ix.userId ?? '', workgroupId: ix.workgroupId ?? '' };
    for (const e of events) this.events.publish('interaction', eventName(e.type), eventData(view, e), scope);
    if (events.length === 0) this.events.publish('interaction', 'changed', changedData(view), scope);
    for (const key of moved.left)
      this.events.publish('queue', 'removed', { queue: key, interactionId: ix.id }, { queue: key });
    for (const key of moved.entered) this.events.publish('queue', 'added', queueData(view, key), queueScope(key));
    for (const key of moved.stayed) this.events.publish('queue', 'changed', queueData(view, key), queueScope(key));
    view.release();
    for (const listener of this.listeners) listener(ix, events, before);
  }
}
