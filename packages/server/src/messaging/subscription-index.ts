/** Shared by every empty answer; never added to. */
const NONE: readonly never[] = [];

/**
 * The subscriptions of one topic by the scope keys they listen on, so that an event is offered only
 * to the subscriptions under its key and to the broad ones (those without keys): with thousands of
 * agents each following their own queue, an event no longer walks every subscription of its topic.
 * Lists are copy-on-write, so (un)subscribing during a delivery never disturbs the iteration.
 */
export class SubscriptionIndex<S> {
  readonly #byKey = new Map<string, readonly S[]>();
  #broad: readonly S[] = NONE;

  /** Adds `s` under each of `keys`, or as broad when `keys` is undefined. */
  add(s: S, keys: readonly string[] | undefined): void {
    if (keys === undefined) {
      this.#broad = [...this.#broad, s];
      return;
    }
    for (const key of keys) this.#byKey.set(key, [...(this.#byKey.get(key) ?? NONE), s]);
  }

  /** Removes `s`, added with the same `keys`. */
  remove(s: S, keys: readonly string[] | undefined): void {
    if (keys === undefined) {
      this.#broad = this.#broad.filter((x) => x !== s);
      return;
    }
    for (const key of keys) {
      const left = (this.#byKey.get(key) ?? NONE).filter((x) => x !== s);
      if (left.length === 0) this.#byKey.delete(key);
      else this.#byKey.set(key, left);
    }
  }

  /** The subscriptions listening on `key` (none for an event without a key). */
  keyed(key: string | undefined): readonly S[] {
    return key === undefined ? NONE : (this.#byKey.get(key) ?? NONE);
  }

  /** The subscriptions without keys: every event of the topic is offered to them. */
  broad(): readonly S[] {
    return this.#broad;
  }
}

/** The distinct keys of a filter, or undefined (broad). */
export function distinctKeys(keys: Iterable<string> | undefined): readonly string[] | undefined {
  return keys === undefined ? undefined : [...new Set(keys)];
}
