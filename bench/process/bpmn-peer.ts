/**
 * The peer of bench/process.ts: bpmn-engine running credit-check.bpmn, its state
 * (`engine.getState()`) upserted into PostgreSQL after every activity and wait, one row per
 * instance. The service task waits for the saves before it calls the endpoint (as Tandem commits a
 * step before it runs the effect), and an instance counts as completed when the engine ended and
 * its last save committed. The BPMN is parsed once and its serialized context reused.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import * as Elements from 'bpmn-elements';
import { Engine } from 'bpmn-engine';
import BpmnModdle from 'bpmn-moddle';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import type pg from 'pg';
import { closedLoop, type LoadResult } from './bench-kit.js';

const SOURCE = readFileSync(new URL('./credit-check.bpmn', import.meta.url), 'utf8');

export async function preparePeer(pool: pg.Pool): Promise<unknown> {
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bpmn_engine_state (id text PRIMARY KEY, state jsonb NOT NULL, updated_at bigint NOT NULL)',
  );
  const moddle = await new BpmnModdle().fromXML(SOURCE);
  return serializer(moddle, TypeResolver(Elements as never));
}

const UPSERT =
  'INSERT INTO bpmn_engine_state (id, state, updated_at) VALUES ($1, $2, $3) ' +
  'ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at';

/** Runs one instance to its end with its state saved after each step. */
function runInstance(options: { pool: pg.Pool; sourceContext: unknown; endpoint: string; id: string; amount: number }) {
  const { pool, id } = options;
  const engine = new Engine({ name: id, sourceContext: options.sourceContext as never });
  let saved: Promise<unknown> = Promise.resolve();
  const save = () => {
    const snapshot = engine.getState();
    saved = saved.then(async () => pool.query(UPSERT, [id, JSON.stringify(await snapshot), Date.now()]));
  };
  const listener = new EventEmitter();
  listener.on('activity.end', save);
  listener.on('wait', save);
  const creditScore = (
    scope: { environment: { output: Record<string, unknown> } },
    next: (e: unknown, r?: unknown) => void,
  ) => {
    saved
      .then(() =>
        fetch(options.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ amount: options.amount }),
        }),
      )
      .then((res) => res.json() as Promise<{ score: number }>)
      .then((body) => {
        scope.environment.output.score = body.score;
        next(null, body);
      }, next);
  };
  return new Promise<void>((resolve, reject) => {
    engine.once('end', () => void saved.then(() => resolve(), reject));
    engine.once('error', reject);
    engine.execute({ listener, variables: { amount: options.amount }, services: { creditScore } }).catch(reject);
  });
}

export async function runBpmnPeer(options: {
  pool: pg.Pool;
  sourceContext: unknown;
  endpoint: string;
  total: number;
  concurrency: number;
}): Promise<LoadResult> {
  return closedLoop(options.total, options.concurrency, (i) =>
    runInstance({ ...options, id: `bpmn-${i}`, amount: (i * 37) % 300 }),
  );
}
