import type { z } from 'zod';

/**
 * Who is listening: the session behind a WebSocket or SSE connection. `rights` is opaque to the
 * messaging layer; topic definitions interpret it in `authorize`.
 */
export interface Subscriber {
  sessionId: string;
  userId: string;
  rights: unknown;
}

/**
 * What an event is about, as given to `EventHub.publish`: `{ userId }` for user statuses,
 * `{ workgroupId }`, `{ interactionId }`, `{ queue: 'workgroup:Sales' }`... Each topic's `matches`
 * decides which keys it reads.
 */
export type Scope = Readonly<Record<string, unknown>>;

/**
 * A way to one subscription alone, given to a topic's `subscribed` hook: `send` publishes an event
 * (with a new `seq`, in order with the hub's other events) that only this subscription receives,
 * if it is still in place and the event matches its filter; it answers whether it was delivered.
 * Such events are never replayed. For state topics: a new subscriber gets the current state
 * without every other subscriber of the same scope getting it again.
 */
export interface SubscriptionChannel {
  send(event: string, data: unknown, scope: Scope): boolean;
}

/**
 * A topic clients may subscribe to. Registered once with `EventHub.registerTopic`, so new topics
 * plug in without touching the hub or the routes.
 *
 * `F` is the parsed filter: `filterSchema` may transform (a list of ids into a `Set`) so that
 * `matches`, called once per event per subscription, stays cheap.
 */
export interface TopicDefinition<F> {
  /** Validates the client's `filter`; `undefined` (no filter) is passed through it too. */
  filterSchema: z.ZodType<F>;
  /** Whether an event published with `scope` reaches a subscription with `filter`. */
  matches(filter: F, scope: Scope): boolean;
  /**
   * With `filterKeys`, lets the hub index subscriptions by key: the key an event's scope is filed
   * under (undefined: none). The contract: whenever `matches(filter, scope)` holds, `filterKeys(filter)`
   * is undefined or contains `scopeKey(scope)`. The hub still calls `matches` on what the index offers.
   */
  scopeKey?(scope: Scope): string | undefined;
  /** The keys a subscription with `filter` listens on, or undefined when it may match any key (or none). */
  filterKeys?(filter: F): Iterable<string> | undefined;
  /** Answers why `subscriber` may not subscribe with `filter`, or `undefined` to allow it. */
  authorize(subscriber: Subscriber, filter: F): string | undefined;
  /**
   * Called once a subscription is in place (new or replacing one), before its replay is sent: a
   * publisher that skips what nobody receives (statistics) sends the current state through
   * `channel` soon (not from inside the hook: the replay goes first).
   */
  subscribed?(filter: F, subscriber: Subscriber, channel: SubscriptionChannel): void;
}

/** A topic definition that carries its name, as exported by `topics/*-topic.ts`. */
export interface NamedTopicDefinition<F> extends TopicDefinition<F> {
  name: string;
}
