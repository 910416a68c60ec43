-- Tandem storage, first schema. Mirrored by src/schema.ts (a contract test compares the two).
-- Plain PostgreSQL only, so that it also runs on Citus and YugabyteDB. IF NOT EXISTS lets the file be
-- re-run where DDL is not transactional (YugabyteDB) and a failure left part of it applied.
-- The migrator runs the statements one by one, split at the statement-breakpoint markers.
-- Times are epoch milliseconds (bigint).

CREATE TABLE IF NOT EXISTS directory_entities (
  kind text NOT NULL,
  id text NOT NULL,
  revision integer NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  doc jsonb NOT NULL,
  CONSTRAINT directory_entities_pkey PRIMARY KEY (kind, id)
);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS credentials (
  user_id text NOT NULL,
  password_hash text NOT NULL,
  password_changed_at bigint NOT NULL,
  must_change boolean NOT NULL,
  failed_attempts integer NOT NULL,
  locked_until bigint,
  CONSTRAINT credentials_pkey PRIMARY KEY (user_id)
);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS sessions (
  id text NOT NULL,
  user_id text NOT NULL,
  token_hash text NOT NULL,
  csrf_token text NOT NULL,
  station jsonb NOT NULL,
  licences jsonb NOT NULL,
  created_at bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  ended_at bigint,
  end_reason text,
  CONSTRAINT sessions_pkey PRIMARY KEY (id)
);
--> statement-breakpoint

CREATE UNIQUE INDEX IF NOT EXISTS sessions_token_hash_key ON sessions (token_hash);
--> statement-breakpoint

-- Live sessions are looked up by user; ended ones pile up and stay out of this index.
CREATE INDEX IF NOT EXISTS sessions_active_user_idx ON sessions (user_id) WHERE ended_at IS NULL;
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS user_statuses (
  user_id text NOT NULL,
  status_id text NOT NULL,
  notes text,
  until bigint,
  forward_number text,
  changed_at bigint NOT NULL,
  changed_by text NOT NULL,
  logged_on boolean NOT NULL,
  station_id text,
  CONSTRAINT user_statuses_pkey PRIMARY KEY (user_id)
);
--> statement-breakpoint

CREATE TABLE IF NOT EXISTS user_status_history (
  id bigserial NOT NULL,
  user_id text NOT NULL,
  status_id text NOT NULL,
  notes text,
  until bigint,
  forward_number text,
  changed_at bigint NOT NULL,
  changed_by text NOT NULL,
  logged_on boolean NOT NULL,
  station_id text,
  CONSTRAINT user_status_history_pkey PRIMARY KEY (id)
);
--> statement-breakpoint

CREATE INDEX IF NOT EXISTS user_status_history_user_changed_idx ON user_status_history (user_id, changed_at DESC);
