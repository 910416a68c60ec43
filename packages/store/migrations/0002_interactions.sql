-- Storage of the interaction server: interactions, chat transcripts, workgroup activations and
-- attachments. Mirrored by src/schema.ts. Same rules as 0001: plain PostgreSQL, IF NOT EXISTS,
-- statements split at the statement-breakpoint markers, times in epoch milliseconds (bigint).

CREATE TABLE IF NOT EXISTS interactions (
  id text NOT NULL,
  type text NOT NULL,
  state text NOT NULL,
  queue_key text,
  workgroup_id text,
  assigned_user_id text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  closed_at bigint,
  doc jsonb NOT NULL,
  CONSTRAINT interactions_pkey PRIMARY KEY (id)
);
--> statement-breakpoint

-- The start-up load reads open interactions oldest first; closed ones pile up and stay out of it.
CREATE INDEX IF NOT EXISTS interactions_open_idx ON interactions (created_at, id) WHERE closed_at IS NULL;
--> statement-breakpoint

-- History: interactions closed in a period, of every workgroup or of one.
CREATE INDEX IF NOT EXISTS interactions_closed_at_idx ON interactions (closed_at);
--> statement-breakpoint

CREATE INDEX IF NOT EXISTS interactions_workgroup_closed_at_idx ON interactions (workgroup_id, closed_at);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS chat_messages (
  interaction_id text NOT NULL,
  seq integer NOT NULL,
  participant_id text NOT NULL,
  participant_type text NOT NULL,
  display_name text NOT NULL,
  kind text NOT NULL,
  text text NOT NULL,
  attachment_id text,
  at bigint NOT NULL,
  CONSTRAINT chat_messages_pkey PRIMARY KEY (interaction_id, seq)
);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS activations (
  user_id text NOT NULL,
  workgroup_id text NOT NULL,
  active boolean NOT NULL,
  changed_at bigint NOT NULL,
  changed_by text NOT NULL,
  CONSTRAINT activations_pkey PRIMARY KEY (user_id, workgroup_id)
);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS attachments (
  id text NOT NULL,
  owner_id text NOT NULL,
  filename text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL,
  created_at bigint NOT NULL,
  data bytea NOT NULL,
  CONSTRAINT attachments_pkey PRIMARY KEY (id)
);
--> statement-breakpoint

CREATE INDEX IF NOT EXISTS attachments_owner_idx ON attachments (owner_id);
