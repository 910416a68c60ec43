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

/** The store's notification channel on which a node names each definition it wrote. */
const DEFINITIONS_CHANNEL = 'tandem_process_definitions';

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
 *
 * Other engine nodes on the same database change definitions too. Memory follows the store: a
 * node names each definition it wrote on a notification channel that every node `follow`s,
 * `refresh()` (the engine cluster calls it at every look) takes the rows whose revision grew
 * (notifications sent while a connection was down), a change starts from the stored row, and what
 * a node does not know yet (a version published elsewhere, an instance of it adopted or handed
 * over, a launch of a definition activated elsewhere) is read from the store on demand. A
 * deactivation on another node is seen here once notified: until then this node may still launch
 * the version that was active.
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
    for (const row of await deps.store.processes.listDefinitions()) registry.take(row);
    return registry;
  }

  /**
   * Takes the definitions other nodes changed since this node last read them (one query of ids and
   * revisions, then one read per changed row). Answers the ids taken.
   */
  async refresh(): Promise<string[]> {
    const taken: string[] = [];
    for (const { id, revision } of await this.store.processes.definitionRevisions()) {
      if (revision <= (this.records.get(id)?.revision ?? 0)) continue;
      if (await this.reload(id)) taken.push(id);
    }
    return taken;
  }

  /**
   * Hears the definition changes of every node on the database as they are committed (the store's
   * notifications), so that `refresh` only catches what was sent while the connection was down.
   * Answers a function that stops; `onError` hears a reload that failed.
   */
  follow(onError: (error: unknown) => void): Promise<() => Promise<void>> {
    return this.store.listen(DEFINITIONS_CHANNEL, (id) => void this.reload(id).catch(onError));
  }

  /** Reads one definition from the store into memory (when newer); answers it, or undefined when unknown there too. */
  async reload(id: string): Promise<StoredDefinition | undefined> {
    const row = await this.store.processes.getDefinition(id);
    return row ? this.take(row) : this.records.get(id);
  }

  /** Whether memory holds this version of the definition. */
  has(id: string, version: number): boolean {
    const found = this.records.get(id);
    return found !== undefined && definitionVersion(found.record, version) !== undefined;
  }

  /** Like `version`, reading the definition from the store when memory does not hold that version. */
  async loadVersion(id: string, version: number): Promise<ProcessDefinition> {
    if (!this.has(id, version)) await this.reload(id);
    return this.version(id, version);
  }

  /** Like `loadVersion`, answering undefined when the store does not know that version either. */
  async findVersion(id: string, version: number): Promise<ProcessDefinition | undefined> {
    if (!this.has(id, version)) await this.reload(id);
    const found = this.records.get(id);
    return found && definitionVersion(found.record, version);
  }

  /**
   * What the store holds now (taken into memory), for a read that a user compares with a change
   * just made on another node. Throws NOT_FOUND.
   */
  async current(id: string): Promise<StoredDefinition> {
    return (await this.reload(id)) ?? this.require(id);
  }

  /** Like `require`, reading the definition from the store when memory does not hold it. */
  async load(id: string): Promise<StoredDefinition> {
    return this.records.get(id) ?? (await this.reload(id)) ?? this.require(id);
  }

  /**
   * Like `launchable`, but when memory says the definition is unknown or not active, reads it from
   * the store first (it may have been published or reactivated on another node).
   */
  async loadLaunchable(id: string): Promise<PublishedVersion> {
    const found = this.records.get(id);
    if (found?.record.status !== 'active') await this.reload(id);
    return this.launchable(id);
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
      const exists = () => new TandemError('ALREADY_EXISTS', `process definition '${draft.id}' exists`);
      if (this.records.has(draft.id)) throw exists();
      try {
        return await this.write(null, createDefinitionRecord(draft, this.clock.now()));
      } catch (error) {
        // Created on another node meanwhile: take it, and say it exists.
        if (error instanceof TandemError && error.code === 'REVISION_CONFLICT' && (await this.reload(draft.id)))
          throw exists();
        throw error;
      }
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
      // From the stored row: another node may have changed it since this one read it.
      const current = (await this.reload(id)) ?? this.require(id);
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
    // Committed: a lost notification only delays the other nodes until their next refresh.
    await this.store.notify(DEFINITIONS_CHANNEL, record.id).catch(() => undefined);
    return this.take(row);
  }

  /** Keeps the row in memory unless memory already holds that revision or a later one; answers what memory holds. */
  private take(row: DefinitionRow): StoredDefinition {
    const held = this.records.get(row.id);
    if (held && held.revision >= row.revision) return held;
    const stored = { record: row.doc as unknown as DefinitionRecord, revision: row.revision };
    this.records.set(row.id, stored);
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
