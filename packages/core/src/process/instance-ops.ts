import { TandemError, type FieldIssue } from '../errors.js';
import type { ProcessDefinition, ProcessValue } from './definition-types.js';
import type { ProcessEffect } from './effect-types.js';
import { INSTANCE_SCHEMA_VERSION, type ProcessInstance } from './instance-types.js';
import { coerceValue, variableType } from './values.js';

/**
 * Recovery: an instance whose web service or handler effect was in flight when the server went down
 * cannot know how far it ran, so it comes back `error` ("restored in error") and waits for a retry,
 * which re-issues the same effect id. Other instances come back unchanged (the server re-issues or
 * reconnects their pending effect).
 */
export function markRestoredInError(instance: ProcessInstance, now: number): ProcessInstance {
  const pending = instance.pending;
  if (instance.status !== 'waiting' || !pending) return instance;
  // Besides the reference's web services and handlers: an e-mail already handed to the relay, whose
  // outcome is unknown, so that it is never sent twice without someone deciding to retry it.
  const kinds: readonly string[] = ['invokeWebService', 'runHandler', 'sendEmail'];
  if (!kinds.includes(pending.effect.type)) return instance;
  return {
    ...instance,
    status: 'error',
    updatedAt: now,
    pending: { ...pending, restoredInError: true },
    error: {
      message: `restored in error: ${pending.effect.type} ${pending.effect.actionId} was running when the server stopped`,
      actionId: pending.effect.actionId,
      effectId: pending.effect.effectId,
      retryable: true,
      at: now,
    },
  };
}

/**
 * The monitor's edit of process variables (manage right): each value is converted to its variable's
 * type. Throws `VALIDATION_FAILED` naming `variables.<name>`; `ACTION_NOT_ALLOWED` on a finished instance.
 */
export function setVariables(
  instance: ProcessInstance,
  definition: ProcessDefinition,
  values: Record<string, unknown>,
  now: number,
): ProcessInstance {
  if (instance.status === 'completed' || instance.status === 'cancelled') {
    throw new TandemError('ACTION_NOT_ALLOWED', `instance ${instance.id} is ${instance.status}`);
  }
  const issues: FieldIssue[] = [];
  const variables = { ...instance.variables };
  for (const [name, raw] of Object.entries(values)) {
    const variable = definition.variables.find((v) => v.name === name);
    if (!variable) {
      issues.push({ path: `variables.${name}`, message: 'is not a process variable' });
      continue;
    }
    const c = coerceValue(raw, variableType(variable));
    if (c.ok) variables[name] = c.value;
    else issues.push({ path: `variables.${name}`, message: c.message });
  }
  if (issues.length > 0) {
    throw new TandemError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  const names = Object.keys(values).join(', ');
  const history = [...instance.history, { at: now, actionId: '', kind: 'edit', outcome: `variables edited: ${names}` }];
  return { ...instance, variables, updatedAt: now, history: history.slice(-200) };
}

/**
 * Reads a saved instance of any schema version and answers the current shape. Throws
 * `VALIDATION_FAILED` for something that is not a saved instance or is from a newer version.
 */
export function migrateInstance(saved: unknown): ProcessInstance {
  const record = saved as Partial<ProcessInstance> | null;
  const version = record && typeof record === 'object' ? record.schemaVersion : undefined;
  if (version !== INSTANCE_SCHEMA_VERSION || typeof record?.id !== 'string' || !Array.isArray(record.frames)) {
    throw new TandemError(
      'VALIDATION_FAILED',
      `not a saved process instance of schema version ${INSTANCE_SCHEMA_VERSION}`,
      {
        issues: [{ path: 'schemaVersion', message: `must be ${INSTANCE_SCHEMA_VERSION}` }],
      },
    );
  }
  return record as ProcessInstance;
}

export const REDACTED = '***';

/**
 * The only form of an instance that may go to logs and traces: values of variables without
 * `logToReporting` become `***` (every value when no definition is given), in process variables,
 * state and task locals, and pending effect payloads.
 */
export function redactForLog(instance: ProcessInstance, definition?: ProcessDefinition): unknown {
  const loggable = new Set<string>();
  for (const v of definition?.variables ?? []) if (v.logToReporting) loggable.add(v.name);
  for (const s of definition?.states ?? []) for (const v of s.variables) if (v.logToReporting) loggable.add(v.name);
  for (const t of definition?.tasks ?? []) for (const v of t.variables) if (v.logToReporting) loggable.add(v.name);
  const redact = (values: Record<string, ProcessValue>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, loggable.has(k) ? v : REDACTED]));
  return {
    ...instance,
    variables: redact(instance.variables),
    frames: instance.frames.map((f) => ({ ...f, locals: redact(f.locals) })),
    pending: instance.pending ? { ...instance.pending, effect: { ...redactEffect(instance.pending.effect) } } : null,
  };
}

/** Effect payloads carry evaluated values: they are left out of logs whole. */
function redactEffect(effect: ProcessEffect): Record<string, unknown> {
  const { effectId, instanceId, actionId, type } = effect;
  return { effectId, instanceId, actionId, type, payload: REDACTED };
}
