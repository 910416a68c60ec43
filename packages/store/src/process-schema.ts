import { bigint, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';

// The drizzle mirror of migrations/0010_process_engine.sql (the process engine's tables).

export const processDefinitions = pgTable('process_definitions', {
  id: text('id').primaryKey(),
  status: text('status').notNull(),
  revision: integer('revision').notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  doc: jsonb('doc').$type<Record<string, unknown>>().notNull(),
});

const flowColumns = () => ({
  id: text('id').primaryKey(),
  definitionId: text('definition_id').notNull(),
  definitionVersion: integer('definition_version').notNull(),
  ownerStorageId: text('owner_storage_id').notNull(),
  status: text('status').notNull(),
  state: text('state').notNull(),
  originator: text('originator'),
  schemaVersion: integer('schema_version').notNull(),
  version: integer('version').notNull(),
  startedAt: bigint('started_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  doc: jsonb('doc').$type<Record<string, unknown>>().notNull(),
});

/** Running instances, one row each, owned by one engine node. */
export const processFlows = pgTable('process_flows', { ...flowColumns(), waitingOn: text('waiting_on') }, (t) => [
  index('process_flows_owner_idx').on(t.ownerStorageId, t.startedAt),
  index('process_flows_definition_idx').on(t.definitionId, t.startedAt),
]);

/** Ended instances, moved out of flows in the step that ended them. */
export const processCompletion = pgTable(
  'process_completion',
  { ...flowColumns(), endedAt: bigint('ended_at', { mode: 'number' }).notNull() },
  (t) => [index('process_completion_definition_idx').on(t.definitionId, t.startedAt)],
);

/** Saved work-item data: what recovery recreates a lost work item from. */
export const processStorage = pgTable(
  'process_storage',
  {
    effectId: text('effect_id').primaryKey(),
    instanceId: text('instance_id').notNull(),
    interactionId: text('interaction_id'),
    routedTo: text('routed_to').notNull(),
    userId: text('user_id'),
    state: text('state').notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
    doc: jsonb('doc').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index('process_storage_instance_idx').on(t.instanceId),
    index('process_storage_interaction_idx').on(t.interactionId),
  ],
);

/** The effect journal: which external actions were issued, and how each ended. */
export const processEffects = pgTable(
  'process_effects',
  {
    effectId: text('effect_id').primaryKey(),
    instanceId: text('instance_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    ownerStorageId: text('owner_storage_id').notNull(),
    dueAt: bigint('due_at', { mode: 'number' }),
    issuedAt: bigint('issued_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
    effect: jsonb('effect').$type<Record<string, unknown>>().notNull(),
    result: jsonb('result').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('process_effects_instance_idx').on(t.instanceId),
    index('process_effects_owner_status_idx').on(t.ownerStorageId, t.status),
  ],
);

export const processEngineNodes = pgTable('process_engine_nodes', {
  storageId: text('storage_id').primaryKey(),
  startedAt: bigint('started_at', { mode: 'number' }).notNull(),
  heartbeatAt: bigint('heartbeat_at', { mode: 'number' }).notNull(),
});

export const processTables = {
  processDefinitions,
  processFlows,
  processCompletion,
  processStorage,
  processEffects,
  processEngineNodes,
};
