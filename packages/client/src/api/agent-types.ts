/** Shapes of the agent API's answers (mirrors of the server's views; extra fields pass through). */

export interface StatusMessage {
  id: string;
  text: string;
  available: boolean;
  availableForAcd: boolean;
  doNotDisturb?: boolean;
  followUp?: boolean;
  forwardNumberRequired?: boolean;
  systemOnly?: boolean;
  icon?: string;
  /** Whether this user may choose it. */
  selectable: boolean;
  [key: string]: unknown;
}

export interface UserStatusView {
  userId: string;
  statusId: string;
  statusText: string;
  notes?: string;
  until?: number;
  forwardNumber?: string;
  changedAt: number;
  changedBy: string;
  loggedOn: boolean;
  stationId?: string;
  timeInStatusSeconds: number;
  [key: string]: unknown;
}

export interface StatusChange {
  statusId: string;
  notes?: string;
  /** Epoch milliseconds. */
  until?: number;
  forwardNumber?: string;
}

export type InteractionType = 'chat' | 'email' | 'callback' | 'call' | 'sms' | 'generic' | 'workitem';

export interface QueueRef {
  type: 'user' | 'workgroup' | 'station';
  id: string;
}

export interface InteractionParticipant {
  id: string;
  kind: 'customer' | 'user' | 'system';
  displayName: string;
  joinedAt: number;
  leftAt?: number;
}

export interface WrapUpRequest {
  userId: string;
  workgroupId: string;
  requestedAt: number;
  deadline: number;
  state: 'pending' | 'done' | 'expired';
  code?: string;
}

/** An interaction as the server shows it to a user (`GET /interactions/{id}`, queue events). */
export interface InteractionView {
  id: string;
  type: InteractionType;
  direction: 'inbound' | 'outbound' | 'intercom';
  state: string;
  displayState: string;
  disconnectReason?: string;
  createdAt: number;
  stateChangedAt: number;
  queue: QueueRef;
  workgroupId?: string;
  enteredQueueAt?: number;
  userId?: string;
  priority: number;
  attributes: Record<string, string>;
  notes: { at: number; userId: string; text: string }[];
  participants: InteractionParticipant[];
  parentId?: string;
  childIds: string[];
  log: { at: number; text: string }[];
  wrapUpCode?: string;
  wrapUps: WrapUpRequest[];
  accountCode?: string;
  private: boolean;
  heldAt?: number;
  version: number;
  /** The actions this user may take now (`POST /interactions/{id}/{action}`). */
  allowedActions?: string[];
  [key: string]: unknown;
}

export interface QueueContents {
  queue: string;
  limit: number;
  total: number;
  items: InteractionView[];
}

export interface ChatMessage {
  interactionId: string;
  seq: number;
  participantId: string;
  participantType: 'customer' | 'agent' | 'supervisor' | 'system';
  displayName: string;
  kind: 'text' | 'url' | 'file' | 'system';
  text: string;
  attachmentId?: string;
  at: number;
}

export interface ChatTyping {
  interactionId: string;
  participantId: string;
  participantType: string;
  displayName: string;
  on: boolean;
}
