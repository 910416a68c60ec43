import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/** The part of Emscripten's NODEFS this file relies on. */
interface NodeFsInternals {
  stream_ops: { fsync?: (stream: { nfd?: number }) => void };
}

/**
 * PGlite's Node filesystem, made to keep acknowledged commits through a power cut.
 *
 * PGlite 0.5 loses durability twice over: it starts PostgreSQL with `-F` (fsync off), and
 * Emscripten's NODEFS has no `fsync` stream operation, so even with fsync on the call silently does
 * nothing (writes do reach the kernel at commit, which survives `kill -9` but not a crash of the
 * machine). This adds the missing operation, mapped to the real `fsync(2)`, and {@link startParams}
 * turns fsync back on with `wal_sync_method=fsync`: Emscripten's `fdatasync` is a no-op, and the
 * `open_*sync` methods need open flags NODEFS rejects.
 *
 * The hook runs before PostgreSQL starts, so crash recovery at start-up fsyncs too. If a PGlite
 * upgrade changes NODEFS so that the hook no longer fits, opening fails instead of running without
 * durability.
 */
export class DurableNodeFS extends NodeFS {
  /** PGlite's default start parameters with fsync on and a sync method that reaches the disk. */
  static readonly startParams: string[] = [
    ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
    '-c',
    'fsync=on',
    '-c',
    'wal_sync_method=fsync',
    '-c',
    'synchronous_commit=on',
  ];

  override async init(...args: Parameters<NodeFS['init']>): ReturnType<NodeFS['init']> {
    const { emscriptenOpts } = await super.init(...args);
    const preRun = [...(emscriptenOpts.preRun ?? [])];
    // First, so that the mount done by NodeFS's own hook already has it.
    // PGlite types NODEFS with Emscripten's types, which it does not ship: it arrives untyped.
    preRun.unshift((mod) => installFsync((mod as unknown as { NODEFS?: NodeFsInternals }).NODEFS));
    return { emscriptenOpts: { ...emscriptenOpts, preRun } };
  }
}

function installFsync(nodefs: NodeFsInternals | undefined): void {
  const ops = nodefs?.stream_ops;
  if (!ops || typeof ops !== 'object')
    throw new Error('PGlite NODEFS is not the shape DurableNodeFS expects: commits would not be fsynced');
  if (ops.fsync === fsyncStream) return; // a module shared by several instances
  if (ops.fsync !== undefined)
    throw new Error('PGlite NODEFS now has its own fsync: check that it reaches fsync(2), then drop DurableNodeFS');
  ops.fsync = fsyncStream;
}

function fsyncStream(stream: { nfd?: number }): void {
  // A stream without a host descriptor has nothing on disk to sync. A failing fsync throws, which
  // stops PGlite: as in PostgreSQL, carrying on after a lost write-back would risk silent data loss.
  if (stream.nfd !== undefined) fs.fsyncSync(stream.nfd);
}
