/**
 * What fills the old generation during a benchmark window, which hardly depends on how fast the
 * machine is: the growth of V8's old space (its used size sampled every 50 ms, rises summed, so
 * both promotion and objects allocated there directly count and what a collection frees does
 * not), and the full collections, with the time between them. Also the heap's peak (used, and
 * reserved from the system), which is what rarer full collections cost.
 */
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

export interface OldGeneration {
  /** Stops watching and describes the window. */
  stop(perInteraction: number): string;
  /** When each full collection's final pause began (`performance.now()` time), so far. */
  readonly fullCollections: readonly number[];
}

const oldSpaceUsed = () => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;

export function watchOldGeneration(): OldGeneration {
  let grown = 0;
  let last = oldSpaceUsed();
  let peakUsed = 0;
  let peakReserved = 0;
  const sampler = setInterval(() => {
    const used = oldSpaceUsed();
    if (used > last) grown += used - last;
    last = used;
    const heap = getHeapStatistics();
    peakUsed = Math.max(peakUsed, heap.used_heap_size);
    peakReserved = Math.max(peakReserved, heap.total_heap_size);
  }, 50);
  const fullAt: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullAt.push(entry.startTime);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    fullCollections: fullAt,
    stop(count: number): string {
      clearInterval(sampler);
      observer.disconnect();
      const gaps = fullAt.slice(1).map((t, i) => ((t - (fullAt[i] as number)) / 1000).toFixed(1));
      return (
        `old space grew ${(grown / 1e6).toFixed(1)} MB (${((grown / count) * 1e-3).toFixed(2)} KB per interaction offered); ` +
        `${fullAt.length} full collections${gaps.length > 0 ? `, ${gaps.join(' s, ')} s apart` : ''}; ` +
        `heap peak ${(peakUsed / 1e6).toFixed(0)} MB used, ${(peakReserved / 1e6).toFixed(0)} MB reserved`
      );
    },
  };
}
