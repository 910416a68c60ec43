import type { TandemClient } from '../tandem-client.js';
import type { UserStatusView } from './agent-types.js';

/** A user as the company directory shows it to everyone (`GET /api/v1/directory/users`). */
export interface DirectoryUser {
  id: string;
  displayName: string;
  businessEmail?: string;
  phones: Partial<Record<'business' | 'business2' | 'mobile' | 'home' | 'fax', string>>;
  workgroups: string[];
}

/** A workgroup as the company directory shows it (`GET /api/v1/directory/workgroups`). */
export interface DirectoryWorkgroup {
  id: string;
  displayName: string;
  description?: string;
  hasQueue: boolean;
  active: boolean;
  supervisors: string[];
}

export interface DirectoryPage<T> {
  items: T[];
  total: number;
}

const query = (q: string | undefined, limit: number | undefined): string => {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (limit !== undefined) params.set('limit', String(limit));
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** The company directory's users (every logged-on user may read it); `q` searches names, ids, e-mail, phones. */
export function listDirectoryUsers(
  client: TandemClient,
  options: { q?: string; limit?: number } = {},
): Promise<DirectoryPage<DirectoryUser>> {
  return client.request('GET', `/api/v1/directory/users${query(options.q, options.limit)}`);
}

/** The company directory's workgroups. */
export function listDirectoryWorkgroups(
  client: TandemClient,
  options: { q?: string; limit?: number } = {},
): Promise<DirectoryPage<DirectoryWorkgroup>> {
  return client.request('GET', `/api/v1/directory/workgroups${query(options.q, options.limit)}`);
}

/**
 * The statuses of `userIds` (all users when omitted), with the seq to subscribe to `user-status`
 * from, so that no change between the answer and the subscription is lost.
 */
export async function listUserStatuses(
  client: TandemClient,
  userIds?: readonly string[],
): Promise<{ items: UserStatusView[]; seq: number | undefined }> {
  const suffix = userIds ? `?userIds=${encodeURIComponent(userIds.join(','))}` : '';
  const { body, seq } = await client.requestWithSeq<{ items: UserStatusView[] }>(
    'GET',
    `/api/v1/status/user-statuses${suffix}`,
  );
  return { items: body.items, seq };
}
