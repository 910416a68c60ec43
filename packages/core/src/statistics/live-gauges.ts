import type { Interaction } from '../interactions/interaction.js';

/** What the live interactions show of one workgroup queue right now. */
export interface QueueGauges {
  /** Interactions in the queue not yet answered: waiting for an agent or alerting one. */
  waiting: number;
  /** Of `waiting`, those alerting an agent. */
  alerting: number;
  /** Time in queue of the one waiting longest (queue time only, since it entered this queue); null when none ("N/A"). */
  longestWaitingMs: number | null;
  /** Users working an interaction answered from this queue (ACD - Assigned, or holding one). */
  onAcd: Set<string>;
  /** Users with an open wrap-up prompt for an interaction of this workgroup. */
  wrappingUp: Set<string>;
}

const emptyQueueGauges = (): QueueGauges => ({
  waiting: 0,
  alerting: 0,
  longestWaitingMs: null,
  onAcd: new Set(),
  wrappingUp: new Set(),
});

/** One pass over the live interactions: the gauges of every workgroup that has any. */
export function queueGauges(interactions: Iterable<Interaction>, now: number): Map<string, QueueGauges> {
  const result = new Map<string, QueueGauges>();
  const of = (workgroupId: string) => {
    let g = result.get(workgroupId);
    if (!g) result.set(workgroupId, (g = emptyQueueGauges()));
    return g;
  };
  for (const ix of interactions) {
    const wg = ix.workgroupId;
    if (wg !== undefined && (ix.state === 'acd-wait-agent' || ix.state === 'acd-alerting')) {
      const g = of(wg);
      g.waiting += 1;
      if (ix.state === 'acd-alerting') g.alerting += 1;
      const waited = now - (ix.enteredQueueAt ?? ix.createdAt);
      g.longestWaitingMs = Math.max(g.longestWaitingMs ?? 0, waited);
    }
    const working = ix.state === 'acd-assigned' || (ix.state === 'held' && ix.heldFrom === 'acd-assigned');
    if (wg !== undefined && working && ix.userId !== undefined) of(wg).onAcd.add(ix.userId);
    for (const w of ix.wrapUps) if (w.state === 'pending') of(w.workgroupId).wrappingUp.add(w.userId);
  }
  return result;
}

/** What statistics need to know of one member of a workgroup. */
export interface MemberFacts {
  userId: string;
  loggedOn: boolean;
  /** Activated in this workgroup. */
  activated: boolean;
  /** In a status available for ACD interactions. */
  availableForAcd: boolean;
  /** In a "Follow-Up" type status (after-call work). */
  followUp: boolean;
  /** Carrying no interaction at all. */
  carriesNothing: boolean;
}

/** The "Agents on queue" figures of a workgroup. */
export interface AgentGauges {
  /** Members logged on and activated in the workgroup (the manual's "Logged on + Activated"). */
  loggedOn: number;
  /** Of those, in a status available for ACD interactions. */
  available: number;
  /** Of those, available and carrying nothing, not on ACD and not in after-call work: could take one at once. */
  idle: number;
  /** Members working an interaction answered from this queue ("On Inbound ACD"). */
  onAcd: number;
  /** Logged-on members in a Follow-Up type status, or with an open wrap-up prompt for this workgroup ("On Inbound ACW"). */
  inAcw: number;
}

export function agentGauges(members: readonly MemberFacts[], queue: QueueGauges | undefined): AgentGauges {
  const onAcd = queue?.onAcd ?? new Set<string>();
  const wrapping = queue?.wrappingUp ?? new Set<string>();
  const g: AgentGauges = { loggedOn: 0, available: 0, idle: 0, onAcd: 0, inAcw: 0 };
  for (const m of members) {
    const busy = onAcd.has(m.userId);
    const acw = (m.loggedOn && m.followUp) || wrapping.has(m.userId);
    if (busy) g.onAcd += 1;
    if (acw) g.inAcw += 1;
    if (!m.loggedOn || !m.activated) continue;
    g.loggedOn += 1;
    if (!m.availableForAcd) continue;
    g.available += 1;
    if (m.carriesNothing && !busy && !acw) g.idle += 1;
  }
  return g;
}
