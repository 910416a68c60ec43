/**
 * Which changed keys are due for publication, when each may be published at most once per
 * `everyMs`: a key changed while it is cooling down from its last publication waits until then,
 * and keys come out in the order they became due. Every operation costs time in what it moves, not
 * in how many keys are changed or cooling, so asking often is cheap.
 */
export class PublicationSchedule {
  /** Changed since their last publication. */
  private readonly changed = new Set<string>();
  /** Changed and not cooling down: due now, oldest first. */
  private readonly ready = new Set<string>();
  private readonly lastPublished = new Map<string, number>();
  /** Publications in the order they were made (so in the order they cool down); `head` is the oldest not yet looked at. */
  private cooling: { key: string; at: number }[] = [];
  private head = 0;

  constructor(private readonly everyMs: number) {}

  /** Notes that `key` changed at `now`. */
  changedAt(key: string, now: number): void {
    // Already changed: due, or due when its cooling ends (a change marks its workgroup several times).
    if (this.changed.has(key)) return;
    this.changed.add(key);
    const last = this.lastPublished.get(key);
    if (last === undefined || now - last >= this.everyMs) this.ready.add(key);
  }

  /** Takes the next key due at `now` and counts it as published then; undefined when none is due. */
  take(now: number): string | undefined {
    this.release(now);
    const next = this.ready.values().next();
    if (next.done === true) return undefined;
    const key = next.value;
    this.ready.delete(key);
    this.changed.delete(key);
    this.lastPublished.set(key, now);
    this.cooling.push({ key, at: now });
    return key;
  }

  /** Whether a key is due at `now`. */
  hasDue(now: number): boolean {
    this.release(now);
    return this.ready.size > 0;
  }

  /** Keys whose last publication is `everyMs` old become due again if they changed since. */
  private release(now: number): void {
    const cooling = this.cooling;
    while (this.head < cooling.length) {
      const entry = cooling[this.head] as { key: string; at: number };
      if (now - entry.at < this.everyMs) break;
      this.head += 1;
      // A later publication of the key has its own entry further on.
      if (this.lastPublished.get(entry.key) === entry.at && this.changed.has(entry.key)) this.ready.add(entry.key);
    }
    if (this.head > 1024 && this.head * 2 > cooling.length) {
      this.cooling = cooling.slice(this.head);
      this.head = 0;
    }
  }
}
