/**
 * Profiles of part of a benchmark run (the measured window, not its set-up): a CPU profile
 * (.cpuprofile) and/or a sampling heap profile of allocations (.heapprofile), both for Chrome's
 * DevTools. Without paths it does nothing.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export interface ProfileWindow {
  stop(): Promise<void>;
}

export async function profileWindow(cpuPath: string | undefined, heapPath?: string): Promise<ProfileWindow> {
  if (!cpuPath && !heapPath) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  if (cpuPath) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 1000 });
    await session.post('Profiler.start');
  }
  if (heapPath) {
    await session.post('HeapProfiler.enable');
    // Every 64 KiB allocated on average, and keep what was collected since: this is about garbage.
    // BENCH_HEAP_MINOR=0 leaves out what young collections freed (what remains was promoted);
    // BENCH_HEAP_MAJOR=0 as well what full ones freed (what remains is still live at the end).
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 65536,
      includeObjectsCollectedByMajorGC: process.env.BENCH_HEAP_MAJOR !== '0',
      includeObjectsCollectedByMinorGC: process.env.BENCH_HEAP_MINOR !== '0',
    });
  }
  return {
    async stop() {
      if (cpuPath) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(cpuPath, JSON.stringify(profile));
        console.log(`CPU profile of the window: ${cpuPath}`);
      }
      if (heapPath) {
        const { profile } = await session.post('HeapProfiler.stopSampling');
        writeFileSync(heapPath, JSON.stringify(profile));
        console.log(`allocation profile of the window: ${heapPath}`);
      }
      session.disconnect();
    },
  };
}
