import type { CustomerMessage } from '@tandem/client';

/**
 * The lines the visitor sees, in `seq` order, each once. Lines arrive from three places that
 * overlap (the saved copy after a reload, `GET …/messages?after=`, the events socket's replay and
 * live events), so adding is idempotent and tolerant of order.
 */
export class Transcript {
  private readonly bySeq = new Map<number, CustomerMessage>();
  private ordered: CustomerMessage[] = [];

  constructor(initial: readonly CustomerMessage[] = []) {
    this.addAll(initial);
  }

  /** Adds the lines not yet held; answers those that were new, in `seq` order. */
  addAll(messages: readonly CustomerMessage[]): CustomerMessage[] {
    const fresh: CustomerMessage[] = [];
    for (const message of messages) {
      if (!Number.isSafeInteger(message.seq) || message.seq < 1 || this.bySeq.has(message.seq)) continue;
      this.bySeq.set(message.seq, message);
      fresh.push(message);
    }
    if (fresh.length === 0) return fresh;
    fresh.sort((a, b) => a.seq - b.seq);
    const last = this.ordered[this.ordered.length - 1];
    const first = fresh[0] as CustomerMessage;
    this.ordered =
      last === undefined || first.seq > last.seq
        ? [...this.ordered, ...fresh]
        : [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    return fresh;
  }

  add(message: CustomerMessage): boolean {
    return this.addAll([message]).length === 1;
  }

  /** The highest `seq` held: resume from it (`after=`). 0 when empty. */
  get lastSeq(): number {
    return this.ordered[this.ordered.length - 1]?.seq ?? 0;
  }

  get messages(): readonly CustomerMessage[] {
    return this.ordered;
  }

  /** The line that comes after `seq` in the window, for inserting a late line in place. */
  nextAfter(seq: number): CustomerMessage | undefined {
    return this.ordered.find((m) => m.seq > seq);
  }

  /** The last `n` lines (what is saved for a reload). */
  tail(n: number): CustomerMessage[] {
    return this.ordered.slice(Math.max(0, this.ordered.length - n));
  }
}
