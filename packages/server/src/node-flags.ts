/**
 * The V8 flags the server process runs with (`npm start`, `tandem serve` and the test server
 * process; README, "Node under ACD load"). They only change when V8 collects garbage, never what
 * the server does, so a server started without them works, with more pauses under load.
 *
 * - `--no-allocation-site-pretenuring`: V8 otherwise allocates the objects of some allocation sites
 *   straight into the old generation, and under ACD load most of those died young anyway.
 *
 * Not `--heap-growing-percent=700` (tried on 2026-11-22, BENCHMARKS.md "Tenth session"): full
 * collections came every 66 s instead of every 29 s at 2,000 interactions a second, but each cost
 * more (young collections slowed as the heap grew into fresh memory), the heap peaked at 1.5 GB
 * instead of 0.8 GB, and the alerts over 20 ms did not clearly drop.
 *
 * `packages/cli/bin/tandem.js` (its shebang) and the root `package.json` (`start`) repeat them, as
 * they must; a test in the cli package checks that the three agree.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--no-allocation-site-pretenuring'];

/** The flags of SERVER_NODE_FLAGS that `execArgv` lacks. */
export function missingServerNodeFlags(execArgv: readonly string[]): string[] {
  return SERVER_NODE_FLAGS.filter((flag) => !execArgv.includes(flag));
}
