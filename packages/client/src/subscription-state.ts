/** What the stream remembers of one topic subscription, across reconnects. */
export interface SubscriptionState {
  topic: string;
  filter: unknown;
  since: number | undefined;
  /** Acknowledged on some connection: from then on it resumes from the stream's last seq. */
  acked: boolean;
  /** The correlation id of the latest subscribe sent for it. */
  id: number;
  settled: boolean;
  resolve(seq: number | Promise<number>): void;
  reject(error: Error): void;
  ready: Promise<number>;
}

export function newSubscriptionState(topic: string, filter: unknown, since: number | undefined): SubscriptionState {
  let resolve!: (seq: number | Promise<number>) => void;
  let reject!: (error: Error) => void;
  const ready = new Promise<number>((res, rej) => ((resolve = res), (reject = rej)));
  ready.catch(() => undefined); // refusals are also emitted as `error`; awaiting `ready` is optional
  return { topic, filter, since, acked: false, id: 0, settled: false, resolve, reject, ready };
}

/** The last `window` seqs delivered, to drop an event delivered twice (a replay after a drop). */
export class SeenSeqs {
  readonly #set = new Set<number>();
  readonly #order: number[] = [];

  constructor(readonly window = 10_000) {}

  /** Records `seq`; answers false when it was already recorded. */
  add(seq: number): boolean {
    if (this.#set.has(seq)) return false;
    this.#set.add(seq);
    this.#order.push(seq);
    if (this.#order.length > this.window) this.#set.delete(this.#order.shift() ?? -1);
    return true;
  }
}
