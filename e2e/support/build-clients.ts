// Builds the web client and the widget once before a browser test when their output is stale.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
/** Browser test files run in parallel workers: one builds while the others wait for it. */
const LOCK = join(ROOT, 'packages', 'web', '.e2e-build.lock');

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function stale(pkg: string): boolean {
  const base = join(ROOT, 'packages', pkg);
  const built = newest(join(base, 'dist'));
  return built === 0 || newest(join(base, 'src')) > built || newest(join(ROOT, 'packages', 'client', 'src')) > built;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock(run: () => void): void {
  const deadline = performance.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than the longest build is left over from a killed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true });
      if (performance.now() > deadline) throw new Error(`waited 5 minutes for ${LOCK}`);
      sleepSync(250);
    }
  }
  try {
    run();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Runs the root `npm run build` when the web client or the widget is missing or older than its sources. */
export function buildClientsIfStale(): void {
  if (!stale('web') && !stale('widget')) return;
  withLock(() => {
    // Checked again under the lock: another worker may have just built them.
    if (!stale('web') && !stale('widget')) return;
    // Vitest sets NODE_ENV=test, which would bundle React's development build; build what users get.
    execFileSync('npm', ['run', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  });
}
