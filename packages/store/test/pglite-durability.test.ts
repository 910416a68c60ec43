import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PgliteStore } from '../src/index.js';
import { openTemplatedPglite } from '../src/test-store.js';
import { aCredential } from './builders.js';

const CHILD = fileURLToPath(new URL('./fixtures/commit-until-killed.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const folders: string[] = [];
const stores: PgliteStore[] = [];

async function aDataDir(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tandem-durability-'));
  folders.push(folder);
  return join(folder, 'data');
}

afterEach(async () => {
  vi.restoreAllMocks();
  for (const store of stores.splice(0)) await store.close();
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

/** The child committing into `dataDir`: what it acknowledged so far, and a way to kill it with SIGKILL. */
function startCommitter(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: number[] = [];
  let opened = false;
  let pending = '';
  let errors = '';
  let wanted: { count: number; resolve: () => void } | undefined;
  const check = () => {
    if (wanted && opened && acknowledged.length >= wanted.count) wanted.resolve();
  };
  const exited = new Promise<NodeJS.Signals | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(signal);
      else reject(new Error(`the child stopped by itself (code ${code}): ${errors}`));
    });
  });
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'open') opened = true;
      else if (/^\d+$/.test(line)) acknowledged.push(Number(line));
    }
    check();
  });
  return {
    acknowledged,
    /** Resolves once the store is open and `count` commits are acknowledged; rejects if the child dies. */
    async waitFor(count: number): Promise<void> {
      await Promise.race([
        new Promise<void>((resolve) => {
          wanted = { count, resolve };
          check();
        }),
        exited,
      ]);
    },
    /** Kills the child right away (most likely inside a commit) and waits for it to be gone. */
    async kill(): Promise<void> {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('PGlite on disk', () => {
  it('keeps every commit acknowledged before its process is killed with SIGKILL', async () => {
    const dataDir = await aDataDir();
    await (await openTemplatedPglite(dataDir)).close();

    const committer = startCommitter(dataDir);
    await committer.waitFor(40);
    await committer.kill();
    const acknowledged = [...committer.acknowledged];
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const store = await PgliteStore.open({ dataDir });
    stores.push(store);
    const missing: number[] = [];
    for (const i of acknowledged) if ((await store.credentials.get(`user-${i}`)) === undefined) missing.push(i);
    expect(missing).toEqual([]);
  });

  it('refuses a data directory another process has open, and takes it over once that process is killed', async () => {
    const dataDir = await aDataDir();
    await (await openTemplatedPglite(dataDir)).close();
    const committer = startCommitter(dataDir);
    await committer.waitFor(1);

    await expect(PgliteStore.open({ dataDir })).rejects.toThrow(/is in use by process \d+/);
    expect(committer.acknowledged.length).toBeGreaterThanOrEqual(1);

    await committer.kill();
    const store = await PgliteStore.open({ dataDir });
    stores.push(store);
    expect(await store.credentials.get('user-0')).toBeDefined();
  });

  it('fsyncs the write-ahead log before it acknowledges a commit', async () => {
    const dataDir = await aDataDir();
    const store = await openTemplatedPglite(dataDir);
    stores.push(store);
    const synced: string[] = [];
    const fsyncSync = fs.fsyncSync;
    vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      synced.push(fs.readlinkSync(`/proc/self/fd/${fd}`));
      fsyncSync(fd);
    });

    await store.credentials.put(aCredential());
    const afterOne = synced.length;
    await store.transaction(async (tx) => {
      await tx.credentials.put(aCredential({ userId: 'a' }));
      await tx.credentials.put(aCredential({ userId: 'b' }));
    });

    expect(afterOne).toBeGreaterThanOrEqual(1);
    expect(synced.length).toBeGreaterThan(afterOne);
    expect(synced.every((path) => path.includes(`${join('data', 'pg_wal')}/`))).toBe(true);
  });

  it('fsyncs nothing when it runs in memory', async () => {
    const store = await openTemplatedPglite();
    stores.push(store);
    const fsyncSync = vi.spyOn(fs, 'fsyncSync');
    await store.credentials.put(aCredential());
    expect(fsyncSync).not.toHaveBeenCalled();
  });

  it('refuses to open a data directory this process already has open', async () => {
    const dataDir = await aDataDir();
    const store = await openTemplatedPglite(dataDir);
    stores.push(store);
    await expect(PgliteStore.open({ dataDir: `${dataDir}/.` })).rejects.toThrow(/already open in this process/);
    await store.close();
    const again = await PgliteStore.open({ dataDir });
    stores.push(again);
    await expect(again.ping()).resolves.toBeUndefined();
  });
});
