/**
 * The V8 flags the server process runs with (`npm start`, `tandem serve` and the test server
 * process; README, "Node under ACD load"). They only change when V8 collects garbage, never what
 * the server does, so a server started without them works, with more pauses under load.
 *
 * - `--no-allocation-site-pretenuring`: V8 otherwise allocates the objects of some allocation sites
 *   straight into the old generation, and under ACD load most of those died young anyway.
 * - `--heap-growing-percent=700`: the old generation may grow to 8 times what the last full
 *   collection kept before the next one starts, against at most 4 times by V8's own heuristics.
 *   Each full collection holds up routing and commits for a few hundred milliseconds whatever the
 *   garbage, since its cost follows what is live; at 2,000 interactions a second they came every
 *   28-29 s and now every 66-67 s, for a heap that peaks at about 1.1 GB instead of 0.7 GB.
 *
 * `packages/cli/bin/tandem.js` (its shebang) and the root `package.json` (`start`) repeat them, as
 * they must; a test in the cli package checks that the three agree.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--no-allocation-site-pretenuring', '--heap-growing-percent=700'];

/** The flags of SERVER_NODE_FLAGS that `execArgv` lacks. */
export function missingServerNodeFlags(execArgv: readonly string[]): string[] {
  return SERVER_NODE_FLAGS.filter((flag) => !execArgv.includes(flag));
}
