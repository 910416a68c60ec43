import { TrackedInteraction } from './tracked-interaction.js';

/** Slots at most: a timer's number is its slot plus its ticket times this. */
const SLOTS = 2 ** 22;
/** Tickets wrap at this: a timer would have to wait through 2^31 reuses of its slot to be mistaken. */
const TICKETS = 2 ** 31;
/** The most forgotten records kept for reuse: enough for a busy moment, not a burst's worth for ever. */
const MAX_SPARE = 4096;

/**
 * The router's records, each in a numbered slot, and the numbers its timers hold instead of the
 * records: a slot and the slot's ticket, which changes whenever the slot's record is freed. A timer
 * whose ticket is no longer its slot's belongs to an interaction the router forgot, and is skipped.
 *
 * Before, timers held the records themselves, so a forgotten record could only be used again once
 * its last timer had fired: under ACD load every alert that was answered left its record (and the
 * two boxed times in it) alive for the alert timeout, tens of thousands of objects for every full
 * collection to mark. A freed record is now used again at once. It is out of the router's map, its
 * queue and its agent's carried list by then (`RoutingState.forget` releases it first); a reference
 * that may remain, in a workgroup's list of entries to try in the next pass, is checked against the
 * queue before it is used.
 */
export class RecordTable {
  private readonly records: (TrackedInteraction | undefined)[] = [];
  private readonly tickets: number[] = [];
  /** Per slot, 1 while its record is in use, 0 while free. */
  private readonly used: number[] = [];
  /** Free slots, the last freed first; only the last `MAX_SPARE` of them keep their record. */
  private readonly free: number[] = [];

  /** Slots in use. */
  get inUse(): number {
    return this.records.length - this.free.length;
  }

  /** A record for a new interaction, in a free slot (with its old record made new, if kept) or a new one. */
  take(interactionId: string): TrackedInteraction {
    const slot = this.free.pop();
    if (slot === undefined) {
      const at = this.records.length;
      if (at >= SLOTS) throw new RangeError(`the router tracks ${SLOTS} interactions at most`);
      const t = new TrackedInteraction(interactionId);
      t.slot = at;
      this.records.push(t);
      this.tickets.push(0);
      this.used.push(1);
      return t;
    }
    this.used[slot] = 1;
    let t = this.records[slot];
    if (t === undefined) {
      t = new TrackedInteraction(interactionId);
      t.slot = slot;
      this.records[slot] = t;
    } else t.renew(interactionId);
    return t;
  }

  /** Frees the slot of a record the router forgot: its timers will find it gone, and it is used again. */
  release(t: TrackedInteraction): void {
    const slot = t.slot;
    if (this.records[slot] !== t || this.used[slot] !== 1)
      throw new Error(`the record of ${t.interactionId} is not in use in slot ${slot}`);
    this.used[slot] = 0;
    this.tickets[slot] = ((this.tickets[slot] as number) + 1) % TICKETS;
    this.free.push(slot);
    // Past MAX_SPARE free slots, the one freed MAX_SPARE before lets its record go.
    const old = this.free[this.free.length - 1 - MAX_SPARE];
    if (old !== undefined) this.records[old] = undefined;
  }

  /** The number a timer for `t` holds. */
  timerId(t: TrackedInteraction): number {
    return t.slot + (this.tickets[t.slot] as number) * SLOTS;
  }

  /** The record a timer is for, or undefined when that record was freed since the timer was set. */
  byTimerId(id: number): TrackedInteraction | undefined {
    const slot = id % SLOTS;
    return (id - slot) / SLOTS === this.tickets[slot] ? this.records[slot] : undefined;
  }
}
