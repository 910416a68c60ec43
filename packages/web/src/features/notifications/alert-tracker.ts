/**
 * Which interactions started alerting since the last look: each id is announced once per alerting
 * spell (an interaction that stops alerting and alerts again, after a transfer back, is announced again).
 */
export class AlertTracker {
  #alerting = new Set<string>();

  /** Answers the ids in `now` that were not alerting at the previous call. */
  next(now: Iterable<string>): string[] {
    const current = new Set(now);
    const fresh = [...current].filter((id) => !this.#alerting.has(id));
    this.#alerting = current;
    return fresh;
  }
}
