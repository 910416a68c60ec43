import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Data directories this process holds: a second PGlite on one of them is refused before any I/O. */
const heldHere = new Set<string>();

/**
 * Keeps a PGlite data directory to one process. PGlite is a single-user PostgreSQL that takes no
 * lock of its own: a second process (e.g. `tandem migrate` while the server runs) would open the
 * same files and the two would overwrite each other's commits.
 *
 * The lock is a `tandem.lock` file naming the owner's pid and host. A file left by a process that
 * no longer runs (killed with -9) is taken over. Like PostgreSQL's postmaster.pid, it trusts pids:
 * a reused pid keeps the lock until its file is deleted by hand, which the error message explains.
 */
export class DataDirLock {
  private constructor(
    private readonly dataDir: string,
    private readonly file: string,
    private readonly content: string,
  ) {}

  /** Takes the lock of `dataDir` (an absolute, existing folder). Throws when another owner holds it. */
  static acquire(dataDir: string): DataDirLock {
    if (heldHere.has(dataDir)) throw new Error(`PGlite data directory ${dataDir} is already open in this process`);
    const file = join(dataDir, 'tandem.lock');
    const content = `${process.pid}\n${hostname()}\n`;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (createComplete(file, content)) {
        heldHere.add(dataDir);
        return new DataDirLock(dataDir, file, content);
      }
      const owner = readOwner(file);
      if (owner && stillRuns(owner))
        throw new Error(
          `PGlite data directory ${dataDir} is in use by process ${owner.pid} on ${owner.host}: stop it first ` +
            `(if that process is gone, delete ${file})`,
        );
      rmSync(file, { force: true }); // left by a process that died without closing
    }
    throw new Error(`could not lock PGlite data directory ${dataDir}: another process keeps taking ${file}`);
  }

  /** Gives the directory up. Leaves alone a lock file that is no longer this process's. */
  release(): void {
    heldHere.delete(this.dataDir);
    try {
      if (readFileSync(this.file, 'utf8') === this.content) rmSync(this.file, { force: true });
    } catch {
      // Already gone: nothing to give up.
    }
  }
}

/**
 * Creates `file` holding `content`, or answers false when it exists. Written aside and hard-linked
 * into place, so that no one ever reads a lock file that is there but still empty.
 */
function createComplete(file: string, content: string): boolean {
  const aside = `${file}.${process.pid}.${Date.now()}`;
  writeFileSync(aside, content);
  try {
    linkSync(aside, file); // atomic, and fails if the file exists: never two owners
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    rmSync(aside, { force: true });
  }
}

interface Owner {
  pid: number;
  host: string;
}

function readOwner(file: string): Owner | undefined {
  try {
    const [pid, host] = readFileSync(file, 'utf8').split('\n');
    const parsed = Number(pid);
    return Number.isInteger(parsed) && parsed > 0 && host ? { pid: parsed, host } : undefined;
  } catch {
    return undefined;
  }
}

function stillRuns(owner: Owner): boolean {
  // Another machine's process (a shared folder) cannot be checked: assume it runs.
  if (owner.host !== hostname()) return true;
  // Our own pid in the file is a previous life of this pid (a container restarted): this process
  // does not hold the directory, or `heldHere` would have said so.
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, but belongs to another user
  }
}
