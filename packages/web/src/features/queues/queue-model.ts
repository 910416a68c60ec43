import type { QueueInteraction, TandemEvent } from '@tandem/client';

/** The manual's queue limits: the default page (InteractionConnectDefaultQueueLimit) and the most allowed. */
export const DEFAULT_QUEUE_LIMIT = 50;
export const MAX_QUEUE_LIMIT = 200;
export const QUEUE_LIMITS = [25, 50, 100, 200] as const;

/** States in which an interaction waits for an agent and may be picked up from the queue. */
const WAITING_STATES = new Set(['offering', 'acd-wait-agent', 'acd-alerting', 'alerting', 'parked', 'snoozed']);

interface RightRecord {
  type?: unknown;
  queueType?: unknown;
  target?: unknown;
  level?: unknown;
  actions?: unknown;
}

const queueRights = (rights: unknown): RightRecord[] =>
  Array.isArray(rights)
    ? (rights as RightRecord[]).filter((r) => typeof r === 'object' && r !== null && r.type === 'queue')
    : [];

/**
 * The workgroups whose queue the user may look at: any right on the workgroup queue, by name or for
 * all (`'*'`), as the server's rule has it ("any level lets one see the queue"). The server checks
 * again on every request and subscription; a refused queue would fail the whole `queue` subscription.
 */
export function viewableQueues(rights: unknown, workgroups: readonly string[]): string[] {
  const onWorkgroups = queueRights(rights).filter((r) => r.queueType === 'workgroup');
  if (onWorkgroups.some((r) => r.target === '*')) return [...workgroups];
  const named = new Set(onWorkgroups.map((r) => r.target));
  return workgroups.filter((w) => named.has(w));
}

/** The actions a workgroup queue right level grants when the right names none (core's table). */
const LEVEL_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  view: ['view'],
  modify: ['disconnect', 'pickup', 'transfer', 'activate-self', 'activate-others'],
  monitor: ['coach', 'join', 'listen', 'monitor', 'record', 'snip'],
  search: ['transfer-target'],
};

/** Whether the rights allow picking up from a workgroup's queue (`pickup` among a right's actions). */
export function mayPickupFrom(rights: unknown, workgroupId: string): boolean {
  return queueRights(rights).some((r) => {
    if (r.queueType !== 'workgroup' || (r.target !== '*' && r.target !== workgroupId)) return false;
    const granted = Array.isArray(r.actions) ? (r.actions as string[]) : (LEVEL_ACTIONS[String(r.level)] ?? []);
    return granted.includes('pickup');
  });
}

/**
 * Whether to offer Pickup on an item: the server's `allowedActions` when the item came from REST;
 * for items from `queue` events (which carry none), the queue right and a waiting state.
 */
export function canPickup(item: QueueInteraction, pickupRight: boolean): boolean {
  if (Array.isArray(item.allowedActions)) return item.allowedActions.includes('pickup');
  return pickupRight && WAITING_STATES.has(item.state);
}

/** A queue page kept live by `queue` events. */
export interface QueueState {
  items: QueueInteraction[];
  /** How many interactions the queue holds in all (the page shows at most `limit`). */
  total: number;
  limit: number;
  /** The page lost an item while more wait beyond it: fetch the page again to fill it. */
  stale: boolean;
}

/** The order the server lists a queue in: priority first, then who has waited longest. */
export function compareQueueItems(a: QueueInteraction, b: QueueInteraction): number {
  return (
    b.priority - a.priority ||
    (a.enteredQueueAt ?? a.createdAt) - (b.enteredQueueAt ?? b.createdAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Applies one `queue.added` / `queue.changed` / `queue.removed` event of queue `key` to a page. */
export function applyQueueEvent(state: QueueState, key: string, event: TandemEvent): QueueState {
  const data = event.data as { queue?: string; interaction?: QueueInteraction; interactionId?: string };
  if (data.queue !== key) return state;
  if (event.type === 'queue.removed') {
    const items = state.items.filter((i) => i.id !== data.interactionId);
    if (items.length === state.items.length) return { ...state, total: Math.max(0, state.total - 1) };
    const total = Math.max(0, state.total - 1);
    return { ...state, items, total, stale: state.stale || total > items.length };
  }
  const ix = data.interaction;
  if (!ix) return state;
  const known = state.items.some((i) => i.id === ix.id);
  const isNew = event.type === 'queue.added' && !known;
  const merged = known ? state.items.map((i) => (i.id === ix.id ? ix : i)) : [...state.items, ix];
  const sorted = merged.sort(compareQueueItems);
  const total = isNew ? state.total + 1 : state.total;
  return { ...state, items: sorted.slice(0, state.limit), total };
}

/** Who or what an item is about, for the queue's Name column: the customer, the sender, else the type. */
export function nameOf(item: QueueInteraction): string {
  const a = item.attributes;
  const participants = Array.isArray(item['participants']) ? (item['participants'] as Participant[]) : [];
  const customer = participants.find((p) => p.kind === 'customer')?.displayName;
  return customer || a['Eic_RemoteName'] || a['Email_FromName'] || a['Email_From'] || `${item.type} ${item.id}`;
}

interface Participant {
  kind?: string;
  displayName?: string;
}

/** What the item is about (subject), for the Details column. */
export function detailsOf(item: QueueInteraction): string {
  const a = item.attributes;
  return a['Email_Subject'] ?? a['Tandem_CallbackSubject'] ?? a['Subject'] ?? '';
}
