import type { InteractionCommand } from '../src/index.js';
import { STATUSES, WORKGROUPS, type RandomWorld } from './routing-randomized-world.js';

/** One random event of the mix; answers what happened, for the failure report. */
export function randomEvent(w: RandomWorld): string {
  const r = w.rand();
  if (r < 0.2) return `arrive ${w.arrive()}`;
  if (r < 0.3) {
    const ms = 200 + Math.floor(w.rand() * 8_000);
    w.clock.advance(ms);
    return `advance ${ms} ms${timeOutQueue(w)}`;
  }
  if (r < 0.45) return ownerAction(w, ['acd-alerting'], () => ({ type: 'pickup' }));
  if (r < 0.62) return disconnect(w);
  if (r < 0.67) return ownerAction(w, ['acd-assigned', 'connected', 'held'], (ix) => transferTo(w, ix.queue.id));
  if (r < 0.69)
    return ownerAction(w, ['acd-assigned', 'connected'], () => ({
      type: 'park',
      target: { type: 'workgroup', id: w.pick(WORKGROUPS) },
    }));
  if (r < 0.72)
    return ownerAction(w, ['acd-assigned', 'connected', 'held'], (ix) => ({
      type: ix.state === 'held' ? 'unhold' : 'hold',
    }));
  return presenceEvent(w, r);
}

/** Interactions waiting longer than 2 minutes time out of the queue (the customer gives up). */
function timeOutQueue(w: RandomWorld): string {
  const old = w.inState('acd-wait-agent').filter((ix) => w.now - ix.enteredQueueAt! > 120_000);
  for (const ix of old) w.run(ix.id, { type: 'queue-timeout' });
  return old.length > 0 ? `, ${old.length} queue timeouts` : '';
}

function transferTo(w: RandomWorld, here: string): InteractionCommand {
  const id = w.pick(WORKGROUPS.filter((wg) => wg !== here));
  return { type: 'transfer', target: { type: 'workgroup', id } };
}

/** The user an interaction belongs to takes an action on it. */
function ownerAction(
  w: RandomWorld,
  states: Parameters<RandomWorld['inState']>,
  command: (ix: ReturnType<RandomWorld['inState']>[number]) => InteractionCommand,
): string {
  const candidates = w.inState(...states);
  if (candidates.length === 0) return 'nothing to act on';
  const ix = w.pick(candidates);
  const cmd = command(ix);
  w.run(ix.id, cmd, ix.userId);
  return `${ix.userId} ${cmd.type} ${ix.id}`;
}

/** The agent hangs up (local) or the customer leaves (remote); mostly interactions agents work. */
function disconnect(w: RandomWorld): string {
  const worked = w.inState('acd-assigned', 'connected', 'held');
  const live =
    worked.length > 0 && w.rand() < 0.7
      ? worked
      : w.inState('acd-wait-agent', 'acd-alerting', 'acd-assigned', 'connected', 'held', 'parked');
  if (live.length === 0) return 'nothing to disconnect';
  const ix = w.pick(live);
  const local = ix.userId !== undefined && ix.state !== 'acd-alerting' && w.rand() < 0.6;
  w.run(ix.id, { type: 'disconnect', by: local ? 'local' : 'remote' }, local ? ix.userId : 'system');
  return `${local ? 'local' : 'remote'} disconnect ${ix.id}`;
}

/** Status changes, logon and logoff, activations and deactivations. */
function presenceEvent(w: RandomWorld, r: number): string {
  const userId = w.pick(w.agentIds);
  const p = w.presence.get(userId)!;
  if (r < 0.86) {
    p.statusId = w.pick(STATUSES);
    w.pushAgent(userId);
    return `${userId} status ${p.statusId}`;
  }
  if (r < 0.92) {
    p.loggedOn = !p.loggedOn;
    w.pushAgent(userId);
    return `${userId} ${p.loggedOn ? 'logs on' : 'logs off'}`;
  }
  const member = w.directory.get('users', userId)!.workgroups;
  if (member.length === 0) return `${userId} has no workgroup`;
  const wg = w.pick(member);
  if (p.active.has(wg)) p.active.delete(wg);
  else p.active.add(wg);
  w.pushAgent(userId);
  return `${userId} ${p.active.has(wg) ? 'activates' : 'deactivates'} ${wg}`;
}
