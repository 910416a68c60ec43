import type { ChatMessage, ChatParticipantType } from '@tandem/core';

/** A transcript line as the customer sees it: agents' user ids are not shown to the website. */
export interface CustomerMessageView {
  seq: number;
  kind: ChatMessage['kind'];
  text: string;
  at: number;
  participantType: ChatParticipantType;
  displayName: string;
  /** True for the customer's own lines. */
  mine: boolean;
}

export interface FileInviteView {
  inviteId: string;
  expiresAt: number;
  maxFiles: number;
  filesReceived: number;
  maxBytes: number;
  /** Lower-case extensions without the dot; empty: every type not blocked. */
  extensions: string[];
}

/** Why a chat ended, as the customer is told. */
export type ChatEndReason = 'customer-left' | 'agent-ended' | 'idle-timeout' | 'queue-timeout' | 'ended';

/** What the customer's WebSocket receives, as `{type, data}`. */
export type CustomerEvent =
  | { type: 'message'; data: CustomerMessageView }
  | { type: 'typing'; data: { participantType: ChatParticipantType; displayName: string; on: boolean } }
  | { type: 'agent-joined'; data: { displayName: string } }
  | { type: 'agent-left'; data: { displayName: string } }
  | { type: 'idle-warning'; data: { disconnectAt: number } }
  | { type: 'file-invite'; data: FileInviteView }
  | { type: 'chat-ended'; data: { reason: ChatEndReason } };

export function customerView(message: ChatMessage, customerId: string): CustomerMessageView {
  return {
    seq: message.seq,
    kind: message.kind,
    text: message.text,
    at: message.at,
    participantType: message.participantType,
    displayName: message.displayName,
    mine: message.participantId === customerId,
  };
}

export type CustomerListener = (event: CustomerEvent) => void;

/**
 * The customers' open connections, by chat. Plain fan-out in memory: a customer who was away
 * catches up from the transcript (`after=<seq>`); typing and the like are not worth replaying.
 */
export class CustomerEvents {
  private readonly byChat = new Map<string, Set<CustomerListener>>();

  /** Answers the function that removes the listener. */
  listen(chatId: string, listener: CustomerListener): () => void {
    let set = this.byChat.get(chatId);
    if (!set) this.byChat.set(chatId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.byChat.get(chatId) === set) this.byChat.delete(chatId);
    };
  }

  send(chatId: string, event: CustomerEvent): void {
    for (const listener of [...(this.byChat.get(chatId) ?? [])]) listener(event);
  }

  connectionCount(chatId: string): number {
    return this.byChat.get(chatId)?.size ?? 0;
  }
}
