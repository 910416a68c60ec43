import type { EngineNodeRecord } from '@tandem/core';

/**
 * Pure decisions of the engine cluster over one snapshot of `process_engine_nodes` and the running
 * counts: who is alive, who adopts a dead node's instances, where a new launch goes. Every node
 * computes the same answer from the same snapshot, so only one acts.
 *
 * The nodes table also carries flow-admin's move requests and their answers: rows whose storage id
 * starts with `move~` or `moved~` (`~` is not allowed in a storage id, so they never clash).
 */

export interface EngineNode {
  storageId: string;
  startedAt: number;
  heartbeatAt: number;
  alive: boolean;
  running: number;
}

/** Move running instances of `from` (all, or one) to `to`, asked by flow-admin. */
export interface MoveRequest {
  key: string;
  from: string;
  to: string;
  instanceId: string | null;
  nonce: string;
  at: number;
}

export interface MoveAnswer {
  key: string;
  nonce: string;
  moved: number;
}

const SEP = '~';

export function moveRequestKey(r: Omit<MoveRequest, 'key' | 'at'>): string {
  return ['move', r.from, r.to, r.instanceId ?? '*', r.nonce].join(SEP);
}

export function moveAnswerKey(nonce: string, moved: number): string {
  return ['moved', nonce, String(moved)].join(SEP);
}

export interface NodeSnapshot {
  nodes: EngineNode[];
  requests: MoveRequest[];
  answers: MoveAnswer[];
}

/** Splits the rows into engine nodes (alive when their heartbeat is fresher than `staleAfterMs`) and mailbox rows. */
export function readSnapshot(
  rows: readonly EngineNodeRecord[],
  counts: ReadonlyMap<string, number>,
  at: { now: number; staleAfterMs: number },
): NodeSnapshot {
  const snapshot: NodeSnapshot = { nodes: [], requests: [], answers: [] };
  for (const row of rows) {
    const parts = row.storageId.split(SEP);
    if (parts[0] === 'move' && parts.length === 5) {
      const [, from, to, instance, nonce] = parts as [string, string, string, string, string];
      snapshot.requests.push({
        key: row.storageId,
        from,
        to,
        instanceId: instance === '*' ? null : instance,
        nonce,
        at: row.startedAt,
      });
    } else if (parts[0] === 'moved' && parts.length === 3) {
      snapshot.answers.push({ key: row.storageId, nonce: parts[1] as string, moved: Number(parts[2]) });
    } else if (parts.length === 1) {
      snapshot.nodes.push({
        storageId: row.storageId,
        startedAt: row.startedAt,
        heartbeatAt: row.heartbeatAt,
        alive: at.now - row.heartbeatAt <= at.staleAfterMs,
        running: counts.get(row.storageId) ?? 0,
      });
    }
  }
  // Owners with instances but no row at all (a node never seen, a converted import) are dead too.
  for (const [owner, running] of counts)
    if (!snapshot.nodes.some((n) => n.storageId === owner))
      snapshot.nodes.push({ storageId: owner, startedAt: 0, heartbeatAt: 0, alive: false, running });
  return snapshot;
}

const byLoad = (a: EngineNode, b: EngineNode) => a.running - b.running || a.storageId.localeCompare(b.storageId);

/** The live node that adopts a dead node's instances: the least loaded (ties: the smallest storage id). */
export function adopterOf(snapshot: NodeSnapshot): string | undefined {
  return snapshot.nodes.filter((n) => n.alive).sort(byLoad)[0]?.storageId;
}

/** Dead nodes that still own running instances. */
export function deadOwners(snapshot: NodeSnapshot): EngineNode[] {
  return snapshot.nodes.filter((n) => !n.alive && n.running > 0);
}

/**
 * Where a launch on `me` should run: `me` until it runs more than `threshold` instances
 * (`PAS_LoadBalanceThreshold`), then the least loaded live node when that one runs fewer.
 */
export function launchTarget(snapshot: NodeSnapshot, me: string, myRunning: number, threshold: number): string {
  if (myRunning <= threshold) return me;
  const best = snapshot.nodes.filter((n) => n.alive && n.storageId !== me).sort(byLoad)[0];
  return best && best.running < myRunning - 1 ? best.storageId : me;
}
