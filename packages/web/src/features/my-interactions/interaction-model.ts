import type { InteractionView, TandemEvent } from '@tandem/client';

/** What an interaction is called in lists: the customer's name, else what it is about. */
export function nameOf(ix: InteractionView): string {
  const a = ix.attributes;
  const customer = ix.participants.find((p) => p.kind === 'customer');
  const mode = a['Email_Mode'];
  if (mode)
    return `${mode === 'forward' ? 'Forward' : mode === 'reply-all' ? 'Reply all' : 'Reply'} (to ${ix.parentId ?? ix.id})`;
  return (
    a['Eic_RemoteName'] ??
    a['Email_FromName'] ??
    customer?.displayName ??
    a['Email_From'] ??
    a['WebTools_Name'] ??
    (ix.direction === 'intercom' ? ix.participants.find((p) => p.kind === 'user')?.displayName : undefined) ??
    `${ix.type} ${ix.id}`
  );
}

/** A one-line description: the email subject, the callback number and subject, or the first note. */
export function detailsOf(ix: InteractionView): string {
  const a = ix.attributes;
  if (ix.type === 'email') return a['Email_Subject'] ?? '';
  if (ix.type === 'callback')
    return [a['Tandem_CallbackTelephone'], a['Tandem_CallbackSubject']].filter(Boolean).join(' · ');
  if (ix.direction === 'intercom') return 'Consult';
  return a['WebTools_Subject'] ?? a['Subject'] ?? ix.notes[0]?.text ?? '';
}

/** The work-item category of a work item (its process's), when it has one. */
export function categoryOf(ix: InteractionView): string | undefined {
  return ix.attributes['WorkItem_Category'] ?? ix.attributes['Category'];
}

/** Whether it is ringing for this user (the alerting that needs a pickup). */
export function isAlertingFor(ix: InteractionView, userId: string): boolean {
  return (ix.state === 'acd-alerting' || ix.state === 'alerting') && ix.userId === userId;
}

/** This user's open wrap-up prompt on it, if any. */
export function pendingWrapUp(ix: InteractionView, userId: string): { deadline: number } | undefined {
  return ix.wrapUps.find((w) => w.userId === userId && w.state === 'pending');
}

interface QueueEventData {
  queue?: string;
  interaction?: InteractionView;
  interactionId?: string;
}

/**
 * Applies a `queue.*` event to a list: added and changed replace the interaction (unless the list
 * holds a newer version), removed drops it. Answers the same list when nothing changed.
 */
export function applyQueueEvent(list: readonly InteractionView[], event: TandemEvent): readonly InteractionView[] {
  const data = (event.data ?? {}) as QueueEventData;
  if (event.type === 'queue.removed') {
    const id = data.interactionId;
    return list.some((ix) => ix.id === id) ? list.filter((ix) => ix.id !== id) : list;
  }
  const next = data.interaction;
  if (!next || (event.type !== 'queue.added' && event.type !== 'queue.changed')) return list;
  return upsert(list, next);
}

/** Replaces or appends an interaction, keeping whichever version is newer. */
export function upsert(list: readonly InteractionView[], next: InteractionView): readonly InteractionView[] {
  const index = list.findIndex((ix) => ix.id === next.id);
  if (index < 0) return [...list, next];
  const current = list[index] as InteractionView;
  if (current.version > next.version) return list;
  const copy = [...list];
  const allowedActions = next.allowedActions ?? current.allowedActions;
  copy[index] = allowedActions ? { ...next, allowedActions } : next;
  return copy;
}

/** When its duration counts from: the time it entered its current state. */
export function durationStart(ix: InteractionView): number {
  return ix.stateChangedAt ?? ix.createdAt;
}
