import {
  visibleVariables,
  type WorkItemViewer,
  type EffectRecord,
  type ProcessDefinition,
  type ProcessEffect,
  type ProcessInstance,
  type ProcessValue,
  type WorkItemRecord,
} from '@tandem/core';

/** What the monitor lists and the `process-monitor` topic sends: no variable values. */
export interface InstanceSummary {
  id: string;
  definitionId: string;
  definitionVersion: number;
  status: string;
  state: string;
  originator: string | null;
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
  waitingOn: { effectId: string; type: string; actionId: string } | null;
  error: { message: string; retryable: boolean } | null;
  restoredInError: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function summaryOf(instance: ProcessInstance): InstanceSummary {
  const pending = instance.pending;
  return {
    id: instance.id,
    definitionId: instance.definitionId,
    definitionVersion: instance.definitionVersion,
    status: instance.status,
    state: instance.state,
    originator: instance.originator,
    startedAt: iso(instance.startedAt),
    updatedAt: iso(instance.updatedAt),
    endedAt: instance.endedAt === undefined ? null : iso(instance.endedAt),
    waitingOn:
      instance.status === 'waiting' && pending
        ? { effectId: pending.effect.effectId, type: pending.effect.type, actionId: pending.effect.actionId }
        : null,
    error: instance.error ? { message: instance.error.message, retryable: instance.error.retryable } : null,
    restoredInError: pending?.restoredInError === true,
  };
}

/** Who or what the instance waits on, in words free of variable values. */
export function waitDescription(effect: ProcessEffect, workItem: WorkItemRecord | undefined): string {
  switch (effect.type) {
    case 'sendWorkItem': {
      const where =
        effect.target.kind === 'user' ? `user ${effect.target.userId}` : `workgroup ${effect.target.workgroupId}`;
      const who = workItem?.userId ? `, worked by ${workItem.userId}` : '';
      return `work item${workItem?.interactionId ? ` ${workItem.interactionId}` : ''} sent to ${where}${who}`;
    }
    case 'invokeWebService':
      return `web service ${effect.method} ${originOf(effect.url)}`;
    case 'runHandler':
      return `handler ${effect.handler}`;
    case 'sendEmail':
      return 'e-mail to the SMTP relay';
    case 'databaseQuery':
      return `query on data source ${effect.dataSource}`;
    case 'startTimer':
      return `timer until ${iso(effect.fireAt)}`;
    case 'launchSubprocess':
      return `subprocess ${effect.definitionId} (${effect.effectId}.sub)`;
    default:
      return effect.type;
  }
}

/**
 * The instance's process variables a user may see (core's `visibleVariables`): values of variables
 * whose security specification does not include the user are left out; `secured` names them.
 * Without the definition nothing can be checked, so nothing is shown.
 */
export function monitorVariables(
  instance: ProcessInstance,
  definition: ProcessDefinition | undefined,
  viewer: WorkItemViewer,
): { variables: Record<string, ProcessValue>; secured: string[] } {
  if (!definition) return { variables: {}, secured: Object.keys(instance.variables) };
  const { values, hidden } = visibleVariables({ definition, values: instance.variables, viewer });
  return { variables: values, secured: hidden.filter((name) => name in instance.variables) };
}

/** The action journal as the monitor shows it: no payloads, no results. */
export function journalView(entries: EffectRecord[]) {
  return entries.map((e) => ({
    effectId: e.effectId,
    type: e.kind,
    status: e.status,
    issuedAt: iso(e.issuedAt),
    updatedAt: iso(e.updatedAt),
  }));
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
