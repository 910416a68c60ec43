/** Time comes in through this port so tests can drive a fake clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Ids and secrets come in through this port so tests can make them predictable. */
export interface IdSource {
  /** A new unique id, URL-safe. */
  newId(prefix?: string): string;
  /** A new secret of at least 128 bits, URL-safe. */
  newSecret(): string;
}

/** A clock for tests: starts at `start` and moves only when told. */
export class FakeClock implements Clock {
  private current: number;
  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.current = start;
  }
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}

/** Sequential ids for tests. */
export class SequentialIds implements IdSource {
  private n = 0;
  newId(prefix = 'id'): string {
    this.n += 1;
    return `${prefix}-${String(this.n).padStart(6, '0')}`;
  }
  newSecret(): string {
    this.n += 1;
    return `secret-${String(this.n).padStart(12, '0')}-0123456789abcdef`;
  }
}
