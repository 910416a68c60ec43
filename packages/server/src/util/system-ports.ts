import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock, IdSource } from '@tandem/core';

export const systemClock: Clock = { now: () => Date.now() };

export const randomIds: IdSource = {
  newId: (prefix) => (prefix ? `${prefix}-${randomUUID()}` : randomUUID()),
  newSecret: () => randomBytes(32).toString('base64url'),
};

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
