import {
  TandemError,
  createDefinitionRecord,
  deactivateDefinition,
  definitionVersion,
  launchableVersion,
  parseDefinition,
  publishDraft,
  reactivateDefinition,
  saveDraft,
  type Clock,
  type DefinitionRecord,
  type DefinitionRow,
  type FieldIssue,
  type ProcessDefinition,
  type PublishedVersion,
  type StoredDefinitionStatus,
  type TandemStore,
} from '@tandem/core';
import { Mutex } from '../util/mutex.js';

/** A definition record with the revision its row has in the store. */
export interface StoredDefinition {
  record: DefinitionRecord;
  revision: number;
}

const STORED_STATUS: Record<DefinitionRecord['status'], StoredDefinitionStatus> = {
  draft: 'draft',
  active: 'published',
  inactive: 'deactivated',
};

/**
 * Process definitions: every record in memory (they are few and read on every step), written
 * through to `process_definitions` with its revision guard before a change is acknowledged.
 */
export class DefinitionRegistry {
  private readonly records = new Map<string, StoredDefinition>();
  private readonly lock = new Mutex();

  private constructor(
    private readonly store: TandemStore,
    private readonly clock: Clock,
  ) {}

  static async load(deps: { store: TandemStore; clock: Clock }): Promise<DefinitionRegistry> {
    const registry = new DefinitionRegistry(deps.store, deps.clock);
    for (const row of await deps.store.processes.listDefinitions())
      registry.records.set(row.id, { record: row.doc as unknown as DefinitionRecord, revision: row.revision });
    return registry;
  }

  list(): StoredDefinition[] {
    return [...this.records.values()].sort((a, b) => (a.record.id < b.record.id ? -1 : 1));
  }

  get(id: string): StoredDefinition | undefined {
    return this.records.get(id);
  }

  require(id: string): StoredDefinition {
    const found = this.records.get(id);
    if (!found) throw new TandemError('NOT_FOUND', `no process definition '${id}'`);
    return found;
  }

  /** The definition a running instance keeps. Throws NOT_FOUND when that version is unknown. */
  version(id: string, version: number): ProcessDefinition {
    const found = this.records.get(id);
    const definition = found && definitionVersion(found.record, version);
    if (!definition) throw new TandemError('NOT_FOUND', `no process definition '${id}' version ${version}`);
    return definition;
  }

  /** The active published version; throws ACTION_NOT_ALLOWED unless the definition is active. */
  launchable(id: string): PublishedVersion {
    return launchableVersion(this.require(id).record);
  }

  /** Parses a definition, answering it or throwing VALIDATION_FAILED with every issue's path. */
  parse(json: unknown): ProcessDefinition {
    const parsed = parseDefinition(json);
    if (!parsed.ok) {
      const issues = parsed.issues.flatMap(namedKeys);
      const first = issues[0];
      throw new TandemError('VALIDATION_FAILED', `${issues.length} problem(s): ${first?.path}: ${first?.message}`, {
        issues,
      });
    }
    return parsed.definition;
  }

  /** Creates a draft; ALREADY_EXISTS when the id is taken. Drafts may be incomplete, but must parse. */
  async create(json: unknown): Promise<StoredDefinition> {
    const draft = this.parseDraft(json);
    return this.lock.run(async () => {
      if (this.records.has(draft.id))
        throw new TandemError('ALREADY_EXISTS', `process definition '${draft.id}' exists`);
      return this.write(null, createDefinitionRecord(draft, this.clock.now()));
    });
  }

  async saveDraft(id: string, json: unknown, expectedRevision?: number): Promise<StoredDefinition> {
    const draft = this.parseDraft(json);
    return this.change(id, expectedRevision, (record, at) => saveDraft(record, draft, at));
  }

  async publish(id: string, userId: string): Promise<StoredDefinition> {
    return this.change(id, undefined, (record, at) => publishDraft(record, { at, userId }));
  }

  async deactivate(id: string): Promise<StoredDefinition> {
    return this.change(id, undefined, (record, at) => deactivateDefinition(record, at));
  }

  async activate(id: string): Promise<StoredDefinition> {
    return this.change(id, undefined, (record, at) => reactivateDefinition(record, at));
  }

  private parseDraft(json: unknown): ProcessDefinition {
    return this.parse(json);
  }

  private async change(
    id: string,
    expectedRevision: number | undefined,
    fn: (record: DefinitionRecord, at: number) => DefinitionRecord,
  ): Promise<StoredDefinition> {
    return this.lock.run(async () => {
      const current = this.require(id);
      if (expectedRevision !== undefined && expectedRevision !== current.revision)
        throw new TandemError('REVISION_CONFLICT', `process definition '${id}' is at revision ${current.revision}`);
      return this.write(current.revision, fn(current.record, this.clock.now()));
    });
  }

  private async write(expectedRevision: number | null, record: DefinitionRecord): Promise<StoredDefinition> {
    const revision = (expectedRevision ?? 0) + 1;
    const row: DefinitionRow = {
      id: record.id,
      status: STORED_STATUS[record.status],
      revision,
      updatedAt: record.updatedAt,
      doc: record as unknown as Record<string, unknown>,
    };
    if (!(await this.store.processes.putDefinition(row, expectedRevision)))
      throw new TandemError('REVISION_CONFLICT', `process definition '${record.id}' was changed by another server`);
    const stored = { record, revision };
    this.records.set(record.id, stored);
    return stored;
  }
}

/** An "unrecognized key" issue is about the key, not the object holding it: one issue per key, at its path. */
function namedKeys(issue: FieldIssue): FieldIssue[] {
  const keys = /^Unrecognized keys?: (.+)$/.exec(issue.message)?.[1];
  if (keys === undefined) return [issue];
  return [...keys.matchAll(/"([^"]*)"/g)].map((m) => ({
    path: issue.path === '' ? (m[1] ?? '') : `${issue.path}.${m[1] ?? ''}`,
    message: 'is not a field of a process definition',
  }));
}
