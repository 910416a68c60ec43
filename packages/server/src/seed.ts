import { z } from 'zod';
import { KIND_SPECS, baseOrganisation, demoOrganisation, type SeedEntity } from '@tandem/core';
import type { DirectoryService } from './services/directory-service.js';
import { randomIds } from './util/system-ports.js';

export interface SeedResult {
  /** False when the directory already held users: nothing was created. */
  created: boolean;
  /** The demo users' password, when they were created. */
  demoPassword?: string;
  demoUsers: string[];
}

async function createAll(directory: DirectoryService, entities: SeedEntity[], password: string): Promise<void> {
  for (const entity of entities) {
    const spec = KIND_SPECS[entity.kind];
    const input = entity.kind === 'users' && !entity.update ? { ...entity.fields, password } : entity.fields;
    const schema =
      entity.kind === 'users' && !entity.update ? spec.fields.extend({ password: z.string() }) : spec.fields;
    const fields = schema.parse(input);
    if (entity.update) await directory.update(entity.kind, entity.id, fields);
    else if (!directory.directory.has(entity.kind, entity.id)) await directory.create(entity.kind, entity.id, fields);
  }
}

/**
 * Fills an empty directory: always the base (status messages of the manual, a licence inventory),
 * and the demo organisation unless told not to. Runs only when there are no users yet.
 */
export async function seedIfEmpty(
  directory: DirectoryService,
  options: { demo: boolean; password: string | undefined },
): Promise<SeedResult> {
  if (directory.directory.count('users') > 0) return { created: false, demoUsers: [] };
  const password = options.password ?? randomIds.newSecret().slice(0, 16);
  await createAll(directory, baseOrganisation(), password);
  if (!options.demo) return { created: true, demoUsers: [] };
  const demo = demoOrganisation();
  await createAll(directory, demo, password);
  const demoUsers = demo.filter((e) => e.kind === 'users' && !e.update).map((e) => e.id);
  return { created: true, demoPassword: password, demoUsers };
}
