import type { TandemClient } from '../tandem-client.js';

export interface WorkgroupActivation {
  workgroupId: string;
  active: boolean;
  changedAt: number | null;
  changedBy: string | null;
}

export interface UserActivations {
  userId: string;
  workgroups: WorkgroupActivation[];
}

/** `GET /api/v1/activations/users/{userId}`: the user's workgroups and whether each is active. */
export function getActivations(client: TandemClient, userId: string): Promise<UserActivations> {
  return client.request('GET', `/api/v1/activations/users/${encodeURIComponent(userId)}`);
}

/** `PUT /api/v1/activations/users/{userId}` (self: activate-self; others: activate-others). */
export function setActivations(
  client: TandemClient,
  userId: string,
  workgroups: { workgroupId: string; active: boolean }[],
): Promise<UserActivations> {
  return client.request('PUT', `/api/v1/activations/users/${encodeURIComponent(userId)}`, { workgroups });
}
