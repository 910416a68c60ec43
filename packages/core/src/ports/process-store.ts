/**
 * Storage of the process engine (issue 5), after the reference's persistence model: definitions,
 * `flows` (running instances, one row each, owned by an engine node's storage id), `storage`
 * (saved work-item data the recovery recreates work items from), `completion` (finished instances
 * moved out of flows), an effect journal (which external actions were issued and how they ended)
 * and the engine nodes with their heartbeats. The server commits a step's instance and its effects
 * in one transaction before it runs any effect.
 */

/** `draft` never published; `published` launchable; `deactivated` not launchable (running ones go on). */
export type StoredDefinitionStatus = 'draft' | 'published' | 'deactivated';

export interface DefinitionRow {
  id: string;
  status: StoredDefinitionStatus;
  /** Grows with each save; a write naming an older revision is refused. */
  revision: number;
  updatedAt: number;
  /** The definition record (draft and published versions) as core models it. JSON. */
  doc: Record<string, unknown>;
}

/** A process instance as stored in `flows` (running) or `completion` (ended). */
export interface FlowRecord {
  id: string;
  definitionId: string;
  definitionVersion: number;
  /** The engine node that runs it. */
  ownerStorageId: string;
  /** `waiting`, `error`, `completed`, `cancelled`. */
  status: string;
  /** Current state id. */
  state: string;
  /** Effect id the instance waits on, or null. */
  waitingOn: string | null;
  originator: string | null;
  /** Version of the instance document's shape. */
  schemaVersion: number;
  /** Optimistic guard: 1 on launch, +1 per committed step. */
  version: number;
  startedAt: number;
  updatedAt: number;
  endedAt: number | null;
  /** The instance as core models it. JSON. */
  doc: Record<string, unknown>;
}

export type EffectStatus = 'issued' | 'done' | 'failed' | 'restored-in-error';

/** One external action in the journal: issued in the step's transaction, settled when its outcome is committed. */
export interface EffectRecord {
  effectId: string;
  instanceId: string;
  /** The effect type (`invokeWebService`, `startTimer`, ...). */
  kind: string;
  status: EffectStatus;
  ownerStorageId: string;
  /** For a timer: when it fires (epoch ms). */
  dueAt: number | null;
  issuedAt: number;
  updatedAt: number;
  /** The effect payload (JSON), so it can be executed again after a restart. */
  effect: Record<string, unknown>;
  /** Outcome (outputs or error), or null while issued. */
  result: Record<string, unknown> | null;
}

/** A work item's saved attributes (`storage`): what recovery recreates a lost work item from. */
export interface WorkItemRecord {
  /** The sendWorkItem effect id. */
  effectId: string;
  instanceId: string;
  interactionId: string | null;
  /** `user:<id>` or `workgroup:<id>`: where it was routed. */
  routedTo: string;
  /** Who works it now (picked up, held), or null. */
  userId: string | null;
  /** `new`, `waiting`, `in-progress`, `held`, `completed`. */
  state: string;
  updatedAt: number;
  /** Saved form data and the work item's attributes. JSON. */
  doc: Record<string, unknown>;
}

/** One step's writes, committed together with the other steps of its batch. */
export interface FlowCommit {
  flow: FlowRecord;
  /** The version the row had when the step read it; null for a new instance. */
  expectedVersion: number | null;
  /** Effects issued or settled by the step (upserted by effect id). */
  effects: readonly EffectRecord[];
  workItems?: readonly WorkItemRecord[];
}

export interface FlowFilter {
  definitionId?: string | undefined;
  state?: string | undefined;
  status?: string | undefined;
  originator?: string | undefined;
  /** Started at or after (epoch ms). */
  from?: number | undefined;
  /** Started before (epoch ms). */
  to?: number | undefined;
  /** Process variables whose value, as text, equals the given text. */
  variables?: Record<string, string> | undefined;
  /** Most rows answered: callers ask one more than they allow, to tell "too many". */
  limit: number;
}

export interface EngineNodeRecord {
  storageId: string;
  startedAt: number;
  heartbeatAt: number;
}

export interface ProcessStore {
  listDefinitions(): Promise<DefinitionRow[]>;
  getDefinition(id: string): Promise<DefinitionRow | undefined>;
  /** Every definition's id and revision, without the documents: how a node tells what others changed. */
  definitionRevisions(): Promise<{ id: string; revision: number }[]>;
  /**
   * Inserts (`expectedRevision` null) or replaces the definition. Answers false, writing nothing,
   * when the row exists with another revision (or exists at all, for an insert).
   */
  putDefinition(row: DefinitionRow, expectedRevision: number | null): Promise<boolean>;

  /**
   * Commits many steps at once, all or nothing: each flow is inserted or updated (moved to
   * `completion` when it ended), its effects and work items upserted. Throws `REVISION_CONFLICT`
   * naming the instances whose row did not have the expected version; nothing is written then.
   */
  commitSteps(commits: readonly FlowCommit[]): Promise<void>;
  /** A running or completed instance. */
  getFlow(id: string): Promise<FlowRecord | undefined>;
  /** Running instances (not completed), of one node or of all, oldest first. */
  loadRunning(ownerStorageId?: string): Promise<FlowRecord[]>;
  /** Running and completed instances matching the filter, newest first, at most `limit`. */
  searchFlows(filter: FlowFilter): Promise<FlowRecord[]>;
  /** Running instances per owner. */
  countRunning(): Promise<Map<string, number>>;
  /** Moves running instances (all of `from`, or only `instanceIds`) to another owner; answers how many moved. */
  transferOwnership(from: string, to: string, instanceIds?: readonly string[]): Promise<number>;

  /** Journal entries of one instance, oldest first. */
  effectsOf(instanceId: string): Promise<EffectRecord[]>;
  /** Journal entries with one of the statuses, of one owner. */
  effectsWithStatus(ownerStorageId: string, statuses: readonly EffectStatus[]): Promise<EffectRecord[]>;
  /** Updates the status and result of journal entries (not in a step: recovery's "restored in error"). */
  settleEffects(
    updates: readonly { effectId: string; status: EffectStatus; result: Record<string, unknown> | null; at: number }[],
  ): Promise<void>;

  saveWorkItems(items: readonly WorkItemRecord[]): Promise<void>;
  getWorkItem(effectId: string): Promise<WorkItemRecord | undefined>;
  workItemOfInteraction(interactionId: string): Promise<WorkItemRecord | undefined>;
  /** Work items not completed, of instances owned by `ownerStorageId`. */
  openWorkItems(ownerStorageId: string): Promise<WorkItemRecord[]>;

  heartbeat(node: EngineNodeRecord): Promise<void>;
  listNodes(): Promise<EngineNodeRecord[]>;
  removeNode(storageId: string): Promise<void>;

  /**
   * Runs parameterised SQL in a read-only transaction with a statement timeout: the Database Query
   * action's default data source (Tandem's own database). Throws the database's error.
   */
  readOnlyQuery(sql: string, parameters: readonly unknown[], timeoutMs: number): Promise<Record<string, unknown>[]>;
}
