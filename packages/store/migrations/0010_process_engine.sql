-- Storage of the process engine (issue 5), after the reference's persistence model: definitions,
-- flows (running instances, owned by an engine node's storage id), storage (saved work-item data
-- recovery recreates work items from), completion (ended instances moved out of flows), the effect
-- journal (which external actions were issued and how they ended) and the engine nodes.
-- Mirrored by src/process-schema.ts. Same rules as 0001: plain PostgreSQL, times in epoch ms.

CREATE TABLE IF NOT EXISTS process_definitions (
  id text NOT NULL,
  status text NOT NULL,
  revision integer NOT NULL,
  updated_at bigint NOT NULL,
  doc jsonb NOT NULL,
  CONSTRAINT process_definitions_pkey PRIMARY KEY (id)
);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS process_flows (
  id text NOT NULL,
  definition_id text NOT NULL,
  definition_version integer NOT NULL,
  owner_storage_id text NOT NULL,
  status text NOT NULL,
  state text NOT NULL,
  originator text,
  schema_version integer NOT NULL,
  version integer NOT NULL,
  started_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  doc jsonb NOT NULL,
  waiting_on text,
  CONSTRAINT process_flows_pkey PRIMARY KEY (id)
);
--> statement-breakpoint

CREATE INDEX IF NOT EXISTS process_flows_owner_idx ON process_flows (owner_storage_id, started_at);
--> statement-breakpoint

CREATE INDEX IF NOT EXISTS process_flows_definition_idx ON process_flows (definition_id, started_at);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS process_completion (
  id text NOT NULL,
  definition_id text NOT NULL,
  definition_version integer NOT NULL,
  owner_storage_id text NOT NULL,
  status text NOT NULL,
  state text NOT NULL,
  originator text,
  schema_version integer NOT NULL,
  version integer NOT NULL,
  started_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  doc jsonb NOT NULL,
  ended_at bigint NOT NULL,
  CONSTRAINT process_completion_pkey PRIMARY KEY (id)
);
--> statement-breakpoint

CREATE INDEX IF NOT EXISTS process_completion_definition_idx ON process_completion (definition_id, started_at);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS process_storage (
  effect_id text NOT NULL,
  instance_id text NOT NULL,
  interaction_id text,
  routed_to text NOT NULL,
  user_id text,
  state text NOT NULL,
  updated_at bigint NOT NULL,
  doc jsonb NOT NULL,
  CONSTRAINT process_storage_pkey PRIMARY KEY (effect_id)
);
--> statement-breakpoint

CREATE INDEX IF NOT EXISTS process_storage_instance_idx ON process_storage (instance_id);
--> statement-breakpoint

CREATE INDEX IF NOT EXISTS process_storage_interaction_idx ON process_storage (interaction_id);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS process_effects (
  effect_id text NOT NULL,
  instance_id text NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  owner_storage_id text NOT NULL,
  due_at bigint,
  issued_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  effect jsonb NOT NULL,
  result jsonb,
  CONSTRAINT process_effects_pkey PRIMARY KEY (effect_id)
);
--> statement-breakpoint

CREATE INDEX IF NOT EXISTS process_effects_instance_idx ON process_effects (instance_id);
--> statement-breakpoint

CREATE INDEX IF NOT EXISTS process_effects_owner_status_idx ON process_effects (owner_storage_id, status);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS process_engine_nodes (
  storage_id text NOT NULL,
  started_at bigint NOT NULL,
  heartbeat_at bigint NOT NULL,
  CONSTRAINT process_engine_nodes_pkey PRIMARY KEY (storage_id)
);
