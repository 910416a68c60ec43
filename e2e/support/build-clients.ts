// Builds the web client and the widget once before a browser test when their output is stale.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

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

/** Runs the root `npm run build` when the web client or the widget is missing or older than its sources. */
export function buildClientsIfStale(): void {
  if (!stale('web') && !stale('widget')) return;
  // Vitest sets NODE_ENV=test, which would bundle React's development build; build what users get.
  execFileSync('npm', ['run', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
