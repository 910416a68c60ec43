/**
 * Interaction ids as the manual shows them: numbers assigned one after another, ten digits wide
 * (e.g. `1001830431`). The manual's server starts again from zero after a restart; Tandem keeps
 * interactions across restarts, so the server seeds the sequence past the largest stored id
 * (`InteractionIdSequence.after(lastId)`) instead.
 */
export const INTERACTION_ID_PATTERN = /^[0-9]{10}$/;

/** The first id of a fresh system. */
export const FIRST_INTERACTION_ID = 1_000_000_001;
const LAST_INTERACTION_ID = 9_999_999_999;

export function isInteractionId(value: string): boolean {
  return INTERACTION_ID_PATTERN.test(value);
}

/** A function that hands out new interaction ids; injected so tests get predictable ones. */
export type NewInteractionId = () => string;

/** Sequential ten-digit ids. After 9999999999 it wraps to the first id. */
export class InteractionIdSequence {
  private next: number;

  constructor(first = FIRST_INTERACTION_ID) {
    if (!Number.isSafeInteger(first) || first < FIRST_INTERACTION_ID || first > LAST_INTERACTION_ID)
      throw new RangeError(`first interaction id must be a ten-digit number from ${FIRST_INTERACTION_ID}`);
    this.next = first;
  }

  /** A sequence that continues after the largest id already used (`undefined`: none yet). */
  static after(lastId: string | undefined): InteractionIdSequence {
    if (lastId === undefined || !isInteractionId(lastId)) return new InteractionIdSequence();
    const last = Number(lastId);
    return new InteractionIdSequence(
      last >= LAST_INTERACTION_ID ? FIRST_INTERACTION_ID : Math.max(last + 1, FIRST_INTERACTION_ID),
    );
  }

  /** The next id; bound, so it can be passed around as a `NewInteractionId`. */
  readonly newId: NewInteractionId = () => {
    const id = String(this.next);
    this.next = this.next >= LAST_INTERACTION_ID ? FIRST_INTERACTION_ID : this.next + 1;
    return id;
  };
}
