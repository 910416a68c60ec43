/**
 * A list the router fills and empties on every pass. Emptying keeps the backing store (setting an
 * array's length to 0 would release it, so the next pass would allocate it again), and the list
 * holds no references once cleared.
 */
export class ScratchList<T> {
  private readonly items: (T | undefined)[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  at(i: number): T {
    return this.items[i] as T;
  }

  add(item: T): void {
    this.items[this.count++] = item;
  }

  includes(item: T): boolean {
    for (let i = 0; i < this.count; i++) if (this.items[i] === item) return true;
    return false;
  }

  /** Sorts in place: insertion sort for the usual few items, the built-in sort past that. */
  sort(compare: (a: T, b: T) => number): void {
    const items = this.items;
    const n = this.count;
    if (n > 16) {
      const sorted = (items.slice(0, n) as T[]).sort(compare);
      for (let i = 0; i < n; i++) items[i] = sorted[i];
      return;
    }
    for (let i = 1; i < n; i++) {
      const item = items[i] as T;
      let j = i;
      while (j > 0 && compare(items[j - 1] as T, item) > 0) {
        items[j] = items[j - 1];
        j--;
      }
      items[j] = item;
    }
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.items[i] = undefined;
    this.count = 0;
  }
}
