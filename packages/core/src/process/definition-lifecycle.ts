import { TandemError } from '../errors.js';
import type { ProcessDefinition } from './definition-types.js';
import { validateDefinition, type ValidationOptions } from './validate-definition.js';

/** draft: never published; active: launchable; inactive: deactivated (running instances go on). */
export type DefinitionStatus = 'draft' | 'active' | 'inactive';

export interface PublishedVersion {
  version: number;
  definition: ProcessDefinition;
  publishedAt: number;
  publishedBy: string;
}

/** What the definition store keeps per process definition id. */
export interface DefinitionRecord {
  id: string;
  status: DefinitionStatus;
  /** The working copy being edited; null when it equals the latest published version. */
  draft: ProcessDefinition | null;
  versions: PublishedVersion[];
  /** The version launches use (the latest published); null before the first publish. */
  activeVersion: number | null;
  updatedAt: number;
}

const notAllowed = (message: string) => new TandemError('ACTION_NOT_ALLOWED', message);

export function createDefinitionRecord(draft: ProcessDefinition, at: number): DefinitionRecord {
  return { id: draft.id, status: 'draft', draft, versions: [], activeVersion: null, updatedAt: at };
}

/** Replaces the draft; the id may not change. Published versions are untouched. */
export function saveDraft(record: DefinitionRecord, draft: ProcessDefinition, at: number): DefinitionRecord {
  if (draft.id !== record.id) {
    throw new TandemError('VALIDATION_FAILED', `id: must stay ${record.id}`, {
      issues: [{ path: 'id', message: `must stay ${record.id}` }],
    });
  }
  return { ...record, draft, updatedAt: at };
}

/**
 * Publishes the draft as version n+1 and makes it active. Throws `VALIDATION_FAILED` with every issue
 * (paths into the definition), `ACTION_NOT_ALLOWED` when there is no draft.
 */
export function publishDraft(
  record: DefinitionRecord,
  by: { at: number; userId: string; options?: ValidationOptions },
): DefinitionRecord {
  if (!record.draft) throw notAllowed(`process ${record.id} has no draft to publish`);
  const issues = validateDefinition(record.draft, by.options);
  if (issues.length > 0) {
    throw new TandemError(
      'VALIDATION_FAILED',
      `${issues.length} problem(s): ${issues[0]?.path}: ${issues[0]?.message}`,
      {
        issues,
      },
    );
  }
  const version = (record.versions[record.versions.length - 1]?.version ?? 0) + 1;
  const published: PublishedVersion = { version, definition: record.draft, publishedAt: by.at, publishedBy: by.userId };
  return {
    ...record,
    status: 'active',
    draft: null,
    versions: [...record.versions, published],
    activeVersion: version,
    updatedAt: by.at,
  };
}

export function deactivateDefinition(record: DefinitionRecord, at: number): DefinitionRecord {
  if (record.status !== 'active') throw notAllowed(`process ${record.id} is not active`);
  return { ...record, status: 'inactive', updatedAt: at };
}

export function reactivateDefinition(record: DefinitionRecord, at: number): DefinitionRecord {
  if (record.status !== 'inactive') throw notAllowed(`process ${record.id} is not deactivated`);
  return { ...record, status: 'active', updatedAt: at };
}

/** The version a launch uses; throws `ACTION_NOT_ALLOWED` unless the definition is active. */
export function launchableVersion(record: DefinitionRecord): PublishedVersion {
  const found = record.versions.find((v) => v.version === record.activeVersion);
  if (record.status !== 'active' || !found) throw notAllowed(`process ${record.id} is not active`);
  return found;
}

/** The definition a running instance keeps, whatever was published since. */
export function definitionVersion(record: DefinitionRecord, version: number): ProcessDefinition | undefined {
  return record.versions.find((v) => v.version === version)?.definition;
}

/** The draft if there is one, else the latest published definition: what an editor opens. */
export function workingDefinition(record: DefinitionRecord): ProcessDefinition | undefined {
  return record.draft ?? record.versions[record.versions.length - 1]?.definition;
}
