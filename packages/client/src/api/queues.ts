import type { TandemClient } from '../tandem-client.js';

/** An interaction as queues and the `queue` topic show it (the server's `InteractionView`). */
export interface QueueInteraction {
  id: string;
  type: string;
  direction?: string;
  state: string;
  displayState?: string;
  createdAt: number;
  stateChangedAt?: number;
  enteredQueueAt?: number;
  priority: number;
  workgroupId?: string;
  userId?: string;
  skills?: { skillId: string; proficiency?: number }[];
  attributes: Record<string, string>;
  /** Present in REST answers (for the caller); absent in `queue` topic events. */
  allowedActions?: string[];
  [key: string]: unknown;
}

/** `GET /api/v1/queues/{type}s/{id}`: the first `limit` items and how many there are in all. */
export interface QueuePage {
  queue: string;
  limit: number;
  total: number;
  items: QueueInteraction[];
}

/** `queue.added` / `queue.changed` data. */
export interface QueueItemEvent {
  queue: string;
  interaction: QueueInteraction;
}

/** `queue.removed` data. */
export interface QueueRemovedEvent {
  queue: string;
  interactionId: string;
}

/**
 * A workgroup's queue, with the seq to subscribe to `queue` from. `limit` defaults on the server to
 * `InteractionConnectDefaultQueueLimit` (50) and is capped by `InteractionConnectMaxQueueLimit` (200).
 */
export async function getWorkgroupQueue(
  client: TandemClient,
  workgroupId: string,
  limit?: number,
): Promise<{ page: QueuePage; seq: number | undefined }> {
  const suffix = limit === undefined ? '' : `?limit=${limit}`;
  const { body, seq } = await client.requestWithSeq<QueuePage>(
    'GET',
    `/api/v1/queues/workgroups/${encodeURIComponent(workgroupId)}${suffix}`,
  );
  return { page: body, seq };
}
