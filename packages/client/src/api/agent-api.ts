import type { TandemClient } from '../tandem-client.js';
import type {
  ChatMessage,
  InteractionView,
  QueueContents,
  QueueRef,
  StatusChange,
  StatusMessage,
  UserStatusView,
} from './agent-types.js';

const enc = encodeURIComponent;

/** `GET /status/status-messages`: every status, each saying whether this user may select it. */
export async function listStatusMessages(client: TandemClient): Promise<StatusMessage[]> {
  return (await client.request<{ items: StatusMessage[] }>('GET', '/api/v1/status/status-messages')).items;
}

/** A user's status with the seq to subscribe from (`user-status`, no gap). */
export async function getUserStatus(
  client: TandemClient,
  userId: string,
): Promise<{ status: UserStatusView; seq: number | undefined }> {
  const { body, seq } = await client.requestWithSeq<UserStatusView>(
    'GET',
    `/api/v1/status/user-statuses/${enc(userId)}`,
  );
  return { status: body, seq };
}

/** Statuses of several users (all when `userIds` is empty). */
export async function getUserStatuses(
  client: TandemClient,
  userIds: readonly string[] = [],
): Promise<{ items: UserStatusView[]; seq: number | undefined }> {
  const query = userIds.length > 0 ? `?userIds=${enc(userIds.join(','))}` : '';
  const { body, seq } = await client.requestWithSeq<{ items: UserStatusView[] }>(
    'GET',
    `/api/v1/status/user-statuses${query}`,
  );
  return { items: body.items, seq };
}

/** `PUT /status/user-statuses/{userId}`; a refused field comes back as `TandemApiError.issues`. */
export function setUserStatus(client: TandemClient, userId: string, change: StatusChange): Promise<UserStatusView> {
  return client.request<UserStatusView>('PUT', `/api/v1/status/user-statuses/${enc(userId)}`, change);
}

/** A queue's contents (`user`, `workgroup` or `station`) with the seq to subscribe from. */
export async function getQueue(
  client: TandemClient,
  queue: QueueRef,
  limit?: number,
): Promise<{ queue: QueueContents; seq: number | undefined }> {
  const query = limit === undefined ? '' : `?limit=${limit}`;
  const { body, seq } = await client.requestWithSeq<QueueContents>(
    'GET',
    `/api/v1/queues/${queue.type}s/${enc(queue.id)}${query}`,
  );
  return { queue: body, seq };
}

export function getInteraction(client: TandemClient, id: string): Promise<InteractionView> {
  return client.request<InteractionView>('GET', `/api/v1/interactions/${enc(id)}`);
}

/** `POST /interactions/{id}/{action}` (pickup, hold, unhold, disconnect, transfer, park, wrap-up, notes, private...). */
export function interactionAction(
  client: TandemClient,
  id: string,
  action: string,
  body: Record<string, unknown> = {},
): Promise<InteractionView> {
  return client.request<InteractionView>('POST', `/api/v1/interactions/${enc(id)}/${action}`, body);
}

export async function chatTranscript(client: TandemClient, id: string, after = 0): Promise<ChatMessage[]> {
  const answer = await client.request<{ messages: ChatMessage[] }>(
    'GET',
    `/api/v1/interactions/${enc(id)}/chat/messages?after=${after}&limit=500`,
  );
  return answer.messages;
}

export function sendChatMessage(client: TandemClient, id: string, text: string): Promise<ChatMessage> {
  return client.request<ChatMessage>('POST', `/api/v1/interactions/${enc(id)}/chat/messages`, { text });
}

export async function setChatTyping(client: TandemClient, id: string, on: boolean): Promise<void> {
  await client.request('PUT', `/api/v1/interactions/${enc(id)}/chat/typing`, { on });
}

/** Complete, Retry Later or Attempt Failed. */
export function callbackOutcome(
  client: TandemClient,
  id: string,
  outcome: 'complete' | 'retry-later' | 'attempt-failed',
  retryAfterSeconds?: number,
): Promise<unknown> {
  return client.request('POST', `/api/v1/interactions/${enc(id)}/callback-outcome`, {
    outcome,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}
