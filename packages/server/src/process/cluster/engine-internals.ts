import type { KeyedMutex } from '../../util/mutex.js';
import type { ProcessEngine } from '../process-engine.js';

/**
 * Releasing an instance to another node must happen under the instance's lock (no step of it
 * half-committed) and drop it from the engine's memory. `ProcessEngine` offers `adopt` but no
 * `release` yet, so the cluster reaches its lock map and live map here, in one place; replace this
 * with `engine.release` once the engine has one.
 */
interface Internals {
  live: Map<string, unknown>;
  locks: KeyedMutex;
}

const internals = (engine: ProcessEngine) => engine as unknown as Internals;

/** Runs `move` under the instance's lock; when it answers true the instance leaves this node's memory. */
export async function releaseInstance(
  engine: ProcessEngine,
  id: string,
  move: () => Promise<boolean>,
): Promise<boolean> {
  const { live, locks } = internals(engine);
  return locks.run(id, async () => {
    if (!live.has(id)) return false;
    const moved = await move();
    if (moved) live.delete(id);
    return moved;
  });
}

/** Drops instances this node no longer owns (another node adopted them while this one looked dead). */
export function forget(engine: ProcessEngine, ids: Iterable<string>): void {
  const { live } = internals(engine);
  for (const id of ids) live.delete(id);
}
