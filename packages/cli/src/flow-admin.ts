import { randomUUID } from 'node:crypto';
import type { FlowRecord, TandemStore } from '@tandem/core';
import {
  DEFAULT_CLUSTER_OPTIONS,
  moveRequestKey,
  readSnapshot,
  type NodeSnapshot,
  type ServerConfig,
} from '@tandem/server';
import { openStore } from '@tandem/store';

type Values = Record<string, string | boolean | string[] | undefined>;

export const flowAdminUsage = `  flow-admin nodes             engine nodes: storage id, alive or dead, last heartbeat, running instances
  flow-admin instances [--node <storage id>]
                                running process instances (of one node)
  flow-admin move --from <storage id> --to <storage id> [--instance <id>] [--wait <seconds>]
                                move running instances to another node: a live owner hands them over
                                itself (waiting for actions in flight), a dead one's are moved at once`;

const openFor = (config: ServerConfig): Promise<TandemStore> =>
  openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });

async function withStore<T>(config: ServerConfig, fn: (store: TandemStore) => Promise<T>): Promise<T> {
  const store = await openFor(config);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function snapshotOf(store: TandemStore): Promise<NodeSnapshot> {
  const [rows, counts] = await Promise.all([store.processes.listNodes(), store.processes.countRunning()]);
  return readSnapshot(rows, counts, { now: Date.now(), staleAfterMs: DEFAULT_CLUSTER_OPTIONS.staleAfterMs });
}

const ago = (at: number) => (at === 0 ? 'never' : `${((Date.now() - at) / 1000).toFixed(1)} s ago`);

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function listNodes(config: ServerConfig): Promise<number> {
  return withStore(config, async (store) => {
    const { nodes } = await snapshotOf(store);
    const rows = nodes.map((n) => [n.storageId, n.alive ? 'alive' : 'dead', ago(n.heartbeatAt), String(n.running)]);
    console.log(table([['STORAGE ID', 'STATE', 'HEARTBEAT', 'INSTANCES'], ...rows]));
    return 0;
  });
}

async function listInstances(config: ServerConfig, values: Values): Promise<number> {
  const node = typeof values.node === 'string' ? values.node : undefined;
  return withStore(config, async (store) => {
    const flows = await store.processes.loadRunning(node);
    const rows = flows.map((f: FlowRecord) => [
      f.id,
      f.ownerStorageId,
      `${f.definitionId}@${f.definitionVersion}`,
      f.status,
      f.state,
      new Date(f.startedAt).toISOString(),
    ]);
    console.log(table([['INSTANCE', 'NODE', 'DEFINITION', 'STATUS', 'STATE', 'STARTED'], ...rows]));
    console.log(`${flows.length} running`);
    return 0;
  });
}

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new Error(`move needs --${name} <storage id>`);
  return value;
}

async function move(config: ServerConfig, values: Values): Promise<number> {
  const from = required(values, 'from');
  const to = required(values, 'to');
  const instanceId = typeof values.instance === 'string' ? values.instance : null;
  const waitSeconds = typeof values.wait === 'string' ? Number(values.wait) : 120;
  if (!Number.isFinite(waitSeconds) || waitSeconds <= 0) throw new Error('--wait must be a positive number of seconds');
  if (from === to) throw new Error('--from and --to name the same node');
  return withStore(config, async (store) => {
    const { nodes } = await snapshotOf(store);
    if (!nodes.some((n) => n.storageId === to && n.alive)) throw new Error(`no live engine node '${to}'`);
    const owner = nodes.find((n) => n.storageId === from);
    if (!owner?.alive) return moveFromDead(store, { from, to, instanceId });
    const moved = await askOwner(store, { from, to, instanceId, waitMs: waitSeconds * 1000 });
    console.log(`${moved} instance(s) moved from ${from} to ${to}`);
    return 0;
  });
}

/** A dead owner runs nothing: its rows move at once, and the target adopts them at its next look. */
async function moveFromDead(
  store: TandemStore,
  request: { from: string; to: string; instanceId: string | null },
): Promise<number> {
  const ids = (await store.processes.loadRunning(request.from))
    .map((f) => f.id)
    .filter((id) => request.instanceId === null || id === request.instanceId);
  if (request.instanceId !== null && ids.length === 0)
    throw new Error(`no running instance '${request.instanceId}' on ${request.from}`);
  const moved = ids.length === 0 ? 0 : await store.processes.transferOwnership(request.from, request.to, ids);
  console.log(`${moved} instance(s) moved from ${request.from} (not running) to ${request.to}`);
  return 0;
}

/** A live owner moves its instances itself, under their locks: flow-admin leaves it a request and waits for the answer. */
async function askOwner(
  store: TandemStore,
  request: { from: string; to: string; instanceId: string | null; waitMs: number },
): Promise<number> {
  const nonce = randomUUID().slice(0, 8);
  const key = moveRequestKey({ ...request, nonce });
  const now = Date.now();
  await store.processes.heartbeat({ storageId: key, startedAt: now, heartbeatAt: now });
  const deadline = now + request.waitMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const answer = (await snapshotOf(store)).answers.find((a) => a.nonce === nonce);
    if (answer) {
      await store.processes.removeNode(answer.key);
      return answer.moved;
    }
  }
  await store.processes.removeNode(key);
  throw new Error(`${request.from} did not answer within ${request.waitMs / 1000} s; the request is withdrawn`);
}

/** `tandem flow-admin <nodes|instances|move>`: the engine nodes and the ownership of running instances. */
export const flowAdminCommand = {
  options: {
    node: { type: 'string' as const },
    from: { type: 'string' as const },
    to: { type: 'string' as const },
    instance: { type: 'string' as const },
    wait: { type: 'string' as const },
  },
  async handler(config: ServerConfig, values: Values, positionals: string[]): Promise<number> {
    const [action] = positionals;
    if (action === 'nodes') return listNodes(config);
    if (action === 'instances') return listInstances(config, values);
    if (action === 'move') return move(config, values);
    throw new Error(`flow-admin needs nodes, instances or move, not '${action ?? ''}'\n${flowAdminUsage}`);
  },
};
