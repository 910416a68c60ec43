import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const STORAGE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const FILE = 'engine-storage-id';

/**
 * The storage id of this engine node: the configured one (`TANDEM_STORAGE_ID`), else the one kept
 * in `<dataDir>/engine-storage-id`, else a new one written there, so that a restarted node owns
 * its instances again. Throws when the kept file holds something that is not a storage id.
 */
export function resolveStorageId(options: { configured: string | undefined; dataDir: string }): string {
  if (options.configured !== undefined) return options.configured;
  const path = join(options.dataDir, FILE);
  let kept: string | undefined;
  try {
    kept = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (kept !== undefined) {
    if (!STORAGE_ID_PATTERN.test(kept)) throw new Error(`${path} does not hold a storage id`);
    return kept;
  }
  const created = `node-${randomUUID()}`;
  mkdirSync(options.dataDir, { recursive: true });
  try {
    writeFileSync(path, `${created}\n`, { flag: 'wx' });
  } catch (error) {
    // Another process wrote it first: use that one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return resolveStorageId(options);
    throw error;
  }
  return created;
}
