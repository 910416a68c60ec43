import { timingSafeEqual } from 'node:crypto';
import { TandemError, type Interaction } from '@tandem/core';
import { sha256Hex } from '../../util/system-ports.js';

/**
 * Attributes the web chat channel keeps on a chat interaction. Being part of the interaction, they
 * are committed with it and rebuilt with it after a restart: that is how a customer's token keeps
 * working across restarts without a table of its own.
 */
export const CHAT_ATTRIBUTES = {
  /** The manual's attribute for the customer's display name. */
  remoteName: 'Eic_RemoteName',
  email: 'Tandem_CustomerEmail',
  participantId: 'Tandem_WebChatParticipantId',
  /** SHA-256 (hex) of the customer's token; the token itself is never stored. */
  tokenHash: 'Tandem_WebChatTokenHash',
  /** The open file transfer invitation, JSON (see `file-transfer.ts`). */
  fileInvite: 'Tandem_FileInvite',
} as const;

/** Machine states in which an agent is in the conversation and may write. */
export const TALKING: ReadonlySet<Interaction['state']> = new Set(['connected', 'acd-assigned']);
/** States in which the connected agent still takes part (on hold, the customer may keep writing). */
export const IN_CONVERSATION: ReadonlySet<Interaction['state']> = new Set(['connected', 'acd-assigned', 'held']);

/** Whether the interaction is a chat started by a website visitor through the customer API. */
export function isWebChat(ix: Interaction): boolean {
  return ix.type === 'chat' && ix.attributes[CHAT_ATTRIBUTES.tokenHash] !== undefined;
}

/** The customer of a web chat: the participant and the name agents see. */
export function customerOf(ix: Interaction): { participantId: string; displayName: string } {
  const participantId = ix.attributes[CHAT_ATTRIBUTES.participantId] ?? 'customer';
  const participant = ix.participants.find((p) => p.id === participantId);
  return { participantId, displayName: participant?.displayName ?? ix.attributes[CHAT_ATTRIBUTES.remoteName] ?? '' };
}

export const hashToken = (token: string): string => sha256Hex(token);

/**
 * Throws NOT_AUTHENTICATED unless `token` is the chat's customer token. Constant-time compare of
 * the hashes, so that the time taken tells nothing about how much of a guess was right.
 */
export function checkToken(ix: Interaction, token: string | undefined): void {
  if (token === undefined || token.length === 0)
    throw new TandemError('NOT_AUTHENTICATED', 'send the chat token as Authorization: Bearer <token> or ?token=');
  const expected = Buffer.from(ix.attributes[CHAT_ATTRIBUTES.tokenHash] ?? '', 'utf8');
  const actual = Buffer.from(hashToken(token), 'utf8');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    throw new TandemError('NOT_AUTHENTICATED', 'the token is not the token of this chat');
}
