import { capacityFor, emptyLoad, type Assignment, type Interaction, type Load } from '../src/index.js';
import { WORKGROUPS, type RandomWorld } from './routing-randomized-world.js';

const OWNED = new Set(['acd-alerting', 'acd-assigned', 'alerting', 'connected', 'held']);

/** What an interaction takes of its agent, computed from the directory (not from the router). */
function share(w: RandomWorld, ix: Interaction) {
  const user = w.directory.get('users', ix.userId!)!;
  const wg = ix.workgroupId === undefined ? undefined : w.directory.get('workgroups', ix.workgroupId);
  return capacityFor(user.utilization, wg?.utilization, ix.type);
}

/** Each agent's load, from the interactions the world holds. */
export function oracleLoads(w: RandomWorld): Map<string, Load> {
  const loads = new Map(w.agentIds.map((id) => [id, emptyLoad()]));
  for (const ix of w.interactions.values()) {
    if (!OWNED.has(ix.state) || ix.userId === undefined) continue;
    const load = loads.get(ix.userId)!;
    load.counts[ix.type] += 1;
    load.utilization += share(w, ix).utilization;
  }
  return loads;
}

/** No agent above capacity per media type (for the workgroups it carries them for) or in total. */
export function checkCapacity(w: RandomWorld, loads: Map<string, Load>): void {
  for (const ix of w.interactions.values()) {
    if (!OWNED.has(ix.state) || ix.userId === undefined) continue;
    const load = loads.get(ix.userId)!;
    if (load.counts[ix.type] > share(w, ix).maxAssignable)
      throw new Error(`${ix.userId} carries ${load.counts[ix.type]} ${ix.type}s, above its maximum`);
    if (load.utilization > 100) throw new Error(`${ix.userId} is at ${load.utilization} % utilization`);
  }
  for (const [userId, load] of loads) {
    const router = w.router.loadOf(userId);
    if (JSON.stringify(router) !== JSON.stringify(load))
      throw new Error(`router load of ${userId} ${JSON.stringify(router)} differs from ${JSON.stringify(load)}`);
  }
}

const ROUTER_PLACE: Record<string, string | undefined> = {
  'acd-wait-agent': 'waiting',
  'acd-alerting': 'alerting',
  'acd-assigned': 'owned',
  connected: 'owned',
  held: 'owned',
  alerting: 'owned',
};

/** Every arrived interaction is in exactly one place, and the router agrees where. */
export function checkPlaces(w: RandomWorld, arrived: number): void {
  if (w.interactions.size + w.finished.size !== arrived)
    throw new Error(`${arrived} arrived but ${w.interactions.size} live + ${w.finished.size} finished`);
  const queued = new Map<string, string>();
  for (const wg of WORKGROUPS)
    for (const id of w.router.waitingIn(wg)) {
      if (queued.has(id)) throw new Error(`${id} waits twice, in ${queued.get(id)} and ${wg}`);
      queued.set(id, wg);
    }
  for (const ix of w.interactions.values()) {
    const where = w.router.whereIs(ix.id);
    if (where !== ROUTER_PLACE[ix.state]) throw new Error(`${ix.id} is ${ix.state} but the router has it ${where}`);
    const expected = ix.state === 'acd-wait-agent' ? ix.workgroupId : undefined;
    if (queued.get(ix.id) !== expected)
      throw new Error(`${ix.id} (${ix.state}, ${ix.workgroupId}) is in the wrong waiting queue: ${queued.get(ix.id)}`);
  }
  for (const id of w.finished) if (w.router.whereIs(id) !== undefined) throw new Error(`finished ${id} still routed`);
  if (queued.size !== w.inState('acd-wait-agent').length) throw new Error('waiting queues hold unknown interactions');
}

/** At the moment of the decision, the agent qualified and had room for one more of the type. */
export function checkAssignment(w: RandomWorld, a: Assignment): void {
  const ix = w.interactions.get(a.interactionId);
  if (ix?.state !== 'acd-wait-agent') throw new Error(`assigned ${a.interactionId}, which is ${ix?.state}`);
  if (!w.qualifies(a.userId, ix)) throw new Error(`assigned ${ix.id} to ${a.userId}, who does not qualify`);
  const load = oracleLoads(w).get(a.userId)!;
  const cap = share(w, { ...ix, userId: a.userId });
  if (load.counts[ix.type] + 1 > cap.maxAssignable || load.utilization + cap.utilization > 100)
    throw new Error(`assigned ${ix.id} to ${a.userId}, who has no room: ${JSON.stringify(load)}`);
}

const classOf = (ix: Interaction) => JSON.stringify([ix.workgroupId, ix.type, ix.priority, ix.skills, ix.relaxation]);

/**
 * Order within a priority and skill class: no interaction was assigned while an older one of the
 * same class in the same workgroup still waits and the same agent qualified for it.
 */
export function checkOrder(w: RandomWorld, assignments: Assignment[]): void {
  const waiting = w.inState('acd-wait-agent');
  for (const a of assignments) {
    const y = w.interactions.get(a.interactionId)!;
    for (const x of waiting) {
      if (classOf(x) !== classOf(y) || x.enteredQueueAt! >= y.enteredQueueAt!) continue;
      if (w.qualifies(a.userId, x))
        throw new Error(`${y.id} went to ${a.userId} while older ${x.id} of the same class waits`);
    }
  }
}

/** The router leaves nothing waiting that an agent could take now: it is work-conserving. */
export function checkNoneMissed(w: RandomWorld, loads: Map<string, Load>): void {
  const strictest = new Map<string, number>();
  for (const o of w.interactions.values())
    if (OWNED.has(o.state) && o.userId !== undefined) {
      const key = `${o.userId}|${o.type}`;
      strictest.set(key, Math.min(strictest.get(key) ?? Infinity, share(w, o).maxAssignable));
    }
  for (const x of w.inState('acd-wait-agent'))
    for (const userId of w.agentIds) {
      if (!w.qualifies(userId, x)) continue;
      const load = loads.get(userId)!;
      const cap = share(w, { ...x, userId });
      const max = Math.min(cap.maxAssignable, strictest.get(`${userId}|${x.type}`) ?? Infinity);
      if (load.counts[x.type] + 1 <= max && load.utilization + cap.utilization <= 100)
        throw new Error(`${x.id} waits while ${userId} could take it`);
    }
}
