import { EventRing } from './event-ring.js';
import { SubscriptionIndex, distinctKeys } from './subscription-index.js';
import type { NamedTopicDefinition, Scope, Subscriber, SubscriptionChannel, TopicDefinition } from './topic.js';

const NO_SCOPE: Scope = Object.freeze({});

/**
 * One published event, as fanned out (and made again for a replay: the replay ring keeps its parts,
 * not this object). `json` is the wire message, serialized once however many receive it.
 */
export class PublishedEvent {
  #type: string | undefined;
  #json: string | undefined;

  constructor(
    readonly seq: number,
    readonly topic: string,
    readonly event: string,
    readonly data: unknown,
    readonly scope: Scope,
  ) {}

  /** `<topic>.<event>`, made when first read: most events reach no subscription. */
  get type(): string {
    this.#type ??= `${this.topic}.${this.event}`;
    return this.#type;
  }

  /** `{"type":"<topic>.<event>","seq":…,"data":…}`; `data` must not be mutated after publishing. */
  get json(): string {
    this.#json ??= JSON.stringify({ type: this.type, seq: this.seq, data: this.data });
    return this.#json;
  }
}

/** How the hub reaches one connection. Both are called synchronously from the hub. */
export interface SubscriberListener {
  /** A new event matching one of the subscriber's subscriptions, in `seq` order. */
  deliver(event: PublishedEvent): void;
  /** The session ended (`EventHub.endSession`); the subscriber is already removed from the hub. */
  end(reason: string): void;
}

export interface FieldIssue {
  path: string;
  message: string;
}

export type SubscribeResult =
  /** Live from `seq` on; `replay` holds the missed events (with `since`), oldest first. */
  | { status: 'subscribed'; seq: number; replay: readonly PublishedEvent[] }
  /** Live from `seq` on, but `since` is no longer held: the client must refetch state over REST. */
  | { status: 'resync'; seq: number }
  | { status: 'refused'; code: 'VALIDATION_FAILED' | 'FORBIDDEN'; message: string; issues: FieldIssue[] };

export interface EventHubOptions {
  /** Events kept for replay, across all topics. Default 20,000. */
  capacity?: number;
  /**
   * The `seq` before the first event. Default 0. Pass a clock-based value (`Date.now() * 1000`)
   * so that a restarted or backup server never reuses a `seq` a client may hold: resuming from an
   * old server's `seq` then answers `resync` instead of replaying unrelated events.
   */
  initialSeq?: number;
  /** Called when a listener throws; the other subscribers still get the event. */
  onListenerError?: (error: unknown, subscriberId: string) => void;
}

interface Subscription {
  readonly subscriberId: string;
  readonly filter: unknown;
  readonly listener: SubscriberListener;
  /** The keys it is filed under in its topic's index; undefined: broad (or the topic has no keys). */
  readonly keys: readonly string[] | undefined;
  active: boolean;
}

interface RegisteredTopic {
  readonly definition: TopicDefinition<unknown>;
  /** Whether the definition gives keys (`scopeKey` and `filterKeys`); without, every subscription is broad. */
  readonly keyed: boolean;
  readonly subscriptions: SubscriptionIndex<Subscription>;
}

interface SubscriberEntry {
  readonly subscriber: Subscriber;
  readonly listener: SubscriberListener;
  readonly subscriptions: Map<string, Subscription>;
}

/**
 * In-memory publisher of live events: numbers each event with a global, strictly increasing `seq`,
 * keeps the last `capacity` events for replay, and fans them out to subscriptions indexed by topic.
 * No I/O: connections register a `SubscriberListener` and do the sending.
 */
export class EventHub {
  readonly #ring: EventRing<unknown, Scope>;
  readonly #topics = new Map<string, RegisteredTopic>();
  readonly #subscribers = new Map<string, SubscriberEntry>();
  readonly #onListenerError: (error: unknown, subscriberId: string) => void;
  #seq: number;
  /** Events waiting to be fanned out, each with its one subscription when sent through a `SubscriptionChannel`. */
  #pending: { event: PublishedEvent; to: Subscription | undefined }[] = [];
  #delivering = false;

  constructor(options: EventHubOptions = {}) {
    this.#ring = new EventRing(options.capacity ?? 20_000);
    this.#seq = options.initialSeq ?? 0;
    if (!Number.isSafeInteger(this.#seq) || this.#seq < 0)
      throw new RangeError(`initialSeq must be a safe integer >= 0`);
    this.#onListenerError = options.onListenerError ?? (() => undefined);
  }

  /** Adds a topic: `registerTopic(userStatusTopic)` or `registerTopic('queue', {...})`. Throws if the name is taken. */
  registerTopic<F>(topic: NamedTopicDefinition<F>): void;
  registerTopic<F>(name: string, definition: TopicDefinition<F>): void;
  registerTopic<F>(nameOrTopic: string | NamedTopicDefinition<F>, definition?: TopicDefinition<F>): void {
    const name = typeof nameOrTopic === 'string' ? nameOrTopic : nameOrTopic.name;
    const def = typeof nameOrTopic === 'string' ? definition : nameOrTopic;
    if (!def) throw new Error(`topic '${name}' needs a definition`);
    if (this.#topics.has(name)) throw new Error(`topic '${name}' is already registered`);
    this.#topics.set(name, {
      definition: def,
      keyed: def.scopeKey !== undefined && def.filterKeys !== undefined,
      subscriptions: new SubscriptionIndex<Subscription>(),
    });
  }

  topicNames(): string[] {
    return [...this.#topics.keys()];
  }

  /** The `seq` of the newest event (or `initialSeq`): what a REST answer reports as `X-Tandem-Seq`. */
  currentSeq(): number {
    return this.#seq;
  }

  /** The smallest `since` that can still be replayed; older ones answer `resync`. */
  floorSeq(): number {
    const oldest = this.#ring.oldestSeq();
    return oldest === undefined ? this.#seq : oldest - 1;
  }

  /**
   * Publishes `<topic>.<event>` and delivers it to matching subscriptions. Throws for an unknown
   * topic (a programming error). Publishing from inside a listener is queued, so every subscriber
   * still sees events in `seq` order.
   */
  publish(topic: string, event: string, data: unknown, scope: Scope = {}): PublishedEvent {
    if (!this.#topics.has(topic)) throw new Error(`cannot publish to unknown topic '${topic}'`);
    this.#seq += 1;
    const published = new PublishedEvent(this.#seq, topic, event, data, scope);
    this.#ring.push(this.#seq, topic, event, data, scope, false);
    this.#enqueue(published, undefined);
    return published;
  }

  #enqueue(event: PublishedEvent, to: Subscription | undefined): void {
    this.#pending.push({ event, to });
    if (!this.#delivering) this.#drain();
  }

  /**
   * What a subscription's `SubscriptionChannel` sends: to it alone. It has a place in the ring only
   * so that `seq`s there stay consecutive; replays skip it.
   */
  #sendTo(subscription: Subscription, topic: string, event: string, data: unknown, scope: Scope): boolean {
    if (!subscription.active) return false;
    const definition = this.#topics.get(topic)?.definition;
    if (!definition?.matches(subscription.filter, scope)) return false;
    this.#seq += 1;
    const published = new PublishedEvent(this.#seq, topic, event, data, scope);
    // Never replayed: the ring keeps only its place, not what it carries.
    this.#ring.push(this.#seq, topic, event, undefined, NO_SCOPE, true);
    this.#enqueue(published, subscription);
    return true;
  }

  /** Registers a connection. Throws if `subscriberId` is taken. */
  addSubscriber(subscriberId: string, subscriber: Subscriber, listener: SubscriberListener): void {
    if (this.#subscribers.has(subscriberId)) throw new Error(`subscriber '${subscriberId}' already exists`);
    this.#subscribers.set(subscriberId, { subscriber, listener, subscriptions: new Map() });
  }

  /**
   * Subscribes to `topic` with `filter`, replacing this subscriber's previous subscription to it.
   * With `since`, answers the missed matching events (`seq > since`) to send before any live one,
   * or `resync` when `since` is older than `floorSeq()` or newer than `currentSeq()`.
   * Refuses an unknown topic or a bad filter (VALIDATION_FAILED) and what `authorize` refuses
   * (FORBIDDEN). Throws for an unknown subscriber. Tells the topic's `subscribed` hook once the
   * subscription is in place.
   */
  subscribe(subscriberId: string, topic: string, filter: unknown, since?: number): SubscribeResult {
    const entry = this.#entry(subscriberId);
    const registered = this.#topics.get(topic);
    if (!registered) {
      const message = `unknown topic '${topic}' (known: ${this.topicNames().join(', ')})`;
      return {
        status: 'refused',
        code: 'VALIDATION_FAILED',
        message: `topic: ${message}`,
        issues: [{ path: 'topic', message }],
      };
    }
    const parsed = registered.definition.filterSchema.safeParse(filter);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: ['filter', ...i.path.map(String)].join('.'),
        message: i.message,
      }));
      const first = issues[0] ?? { path: 'filter', message: 'is invalid' };
      return { status: 'refused', code: 'VALIDATION_FAILED', message: `${first.path}: ${first.message}`, issues };
    }
    const refusal = registered.definition.authorize(entry.subscriber, parsed.data);
    if (refusal !== undefined) return { status: 'refused', code: 'FORBIDDEN', message: refusal, issues: [] };

    this.unsubscribe(subscriberId, topic);
    const { definition } = registered;
    const keys = registered.keyed ? distinctKeys(definition.filterKeys?.(parsed.data)) : undefined;
    const subscription: Subscription = {
      subscriberId,
      filter: parsed.data,
      listener: entry.listener,
      keys,
      active: true,
    };
    entry.subscriptions.set(topic, subscription);
    registered.subscriptions.add(subscription, keys);
    const channel: SubscriptionChannel = {
      send: (event, data, scope) => this.#sendTo(subscription, topic, event, data, scope),
    };
    registered.definition.subscribed?.(parsed.data, entry.subscriber, channel);

    if (since === undefined) return { status: 'subscribed', seq: this.#seq, replay: [] };
    if (since < this.floorSeq() || since > this.#seq) return { status: 'resync', seq: this.#seq };
    const replay: PublishedEvent[] = [];
    for (const e of this.#ring.after(since)) {
      if (e.topic === topic && !e.direct && registered.definition.matches(parsed.data, e.scope))
        replay.push(new PublishedEvent(e.seq, e.topic, e.event, e.data, e.scope));
    }
    return { status: 'subscribed', seq: this.#seq, replay };
  }

  /** Ends the subscriber's subscription to `topic`; answers whether there was one. */
  unsubscribe(subscriberId: string, topic: string): boolean {
    const entry = this.#subscribers.get(subscriberId);
    const subscription = entry?.subscriptions.get(topic);
    const registered = this.#topics.get(topic);
    if (!entry || !subscription || !registered) return false;
    subscription.active = false;
    entry.subscriptions.delete(topic);
    registered.subscriptions.remove(subscription, subscription.keys);
    return true;
  }

  /** Drops a connection and all its subscriptions (when its socket closes). Idempotent. */
  removeSubscriber(subscriberId: string): void {
    const entry = this.#subscribers.get(subscriberId);
    if (!entry) return;
    for (const topic of [...entry.subscriptions.keys()]) this.unsubscribe(subscriberId, topic);
    this.#subscribers.delete(subscriberId);
  }

  /**
   * Ends every connection of session `sessionId`: removes them, then calls their listener's `end`
   * (the routes send `session.ended` and close with 4001). Answers how many were ended.
   */
  endSession(sessionId: string, reason: string): number {
    const ended = [...this.#subscribers].filter(([, entry]) => entry.subscriber.sessionId === sessionId);
    for (const [id] of ended) this.removeSubscriber(id);
    for (const [id, entry] of ended) this.#call(id, () => entry.listener.end(reason));
    return ended.length;
  }

  /**
   * Whether an event published on `topic` with `scope` would reach some subscription now, so that a
   * publisher of state can skip building what nobody receives. False for an unknown topic.
   */
  hasSubscribers(topic: string, scope: Scope): boolean {
    const registered = this.#topics.get(topic);
    if (!registered) return false;
    const { definition, subscriptions } = registered;
    const reaches = (list: readonly Subscription[]) => list.some((s) => definition.matches(s.filter, scope));
    return reaches(subscriptions.keyed(this.#keyOf(registered, scope))) || reaches(subscriptions.broad());
  }

  subscriberCount(): number {
    return this.#subscribers.size;
  }

  #entry(subscriberId: string): SubscriberEntry {
    const entry = this.#subscribers.get(subscriberId);
    if (!entry) throw new Error(`unknown subscriber '${subscriberId}'`);
    return entry;
  }

  #drain(): void {
    this.#delivering = true;
    try {
      for (let next = this.#pending.shift(); next; next = this.#pending.shift()) {
        const { event, to } = next;
        if (to === undefined) this.#fanOut(event);
        else if (to.active) this.#call(to.subscriberId, () => to.listener.deliver(event));
      }
    } finally {
      this.#delivering = false;
    }
  }

  #fanOut(event: PublishedEvent): void {
    const registered = this.#topics.get(event.topic);
    if (!registered) return;
    const { definition, subscriptions } = registered;
    this.#offer(definition, subscriptions.keyed(this.#keyOf(registered, event.scope)), event);
    this.#offer(definition, subscriptions.broad(), event);
  }

  /** The key an event of `scope` is filed under in the topic's index (none when the topic has no keys). */
  #keyOf(registered: RegisteredTopic, scope: Scope): string | undefined {
    return registered.keyed ? registered.definition.scopeKey?.(scope) : undefined;
  }

  #offer(definition: TopicDefinition<unknown>, subscriptions: readonly Subscription[], event: PublishedEvent): void {
    for (const subscription of subscriptions) {
      if (!subscription.active) continue;
      this.#call(subscription.subscriberId, () => {
        if (definition.matches(subscription.filter, event.scope)) subscription.listener.deliver(event);
      });
    }
  }

  #call(subscriberId: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      this.#onListenerError(error, subscriberId);
    }
  }
}
