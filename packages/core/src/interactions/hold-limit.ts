import type { Directory } from '../directory/directory.js';
import type { HoldLimitAction } from './commands.js';
import { DEFAULT_HOLD_LIMIT_MS } from './context.js';
import type { QueueRef } from './interaction.js';

/** How long an interaction may stay on hold, and what happens to it after. */
export interface HoldLimitPolicy {
  limitMs: number;
  action: HoldLimitAction;
}

/**
 * The maximum hold time policy as the server parameters set it: `MaxHoldTimeMinutes` (15),
 * `MaxHoldTimeAction` (`disconnect` or `transfer`) and `MaxHoldTimeTransferQueue`
 * (`workgroup:<id>` or `user:<id>`). A transfer whose queue is missing, unknown or a workgroup
 * without a queue falls back to the manual's default, disconnect: a held interaction must not stay
 * held for ever because its target was deleted.
 */
export function holdLimitPolicy(directory: Directory): HoldLimitPolicy {
  const minutes = directory.parameter('MaxHoldTimeMinutes');
  const limitMs = typeof minutes === 'number' && minutes >= 1 ? minutes * 60_000 : DEFAULT_HOLD_LIMIT_MS;
  if (directory.parameter('MaxHoldTimeAction') !== 'transfer') return { limitMs, action: { kind: 'disconnect' } };
  const target = transferQueue(directory, directory.parameter('MaxHoldTimeTransferQueue'));
  return { limitMs, action: target ? { kind: 'transfer', target } : { kind: 'disconnect' } };
}

function transferQueue(directory: Directory, value: unknown): QueueRef | undefined {
  if (typeof value !== 'string') return undefined;
  const colon = value.indexOf(':');
  const [type, id] = [value.slice(0, colon), value.slice(colon + 1)];
  if (type === 'user' && directory.has('users', id)) return { type, id };
  if (type === 'workgroup' && directory.get('workgroups', id)?.hasQueue) return { type, id };
  return undefined;
}
