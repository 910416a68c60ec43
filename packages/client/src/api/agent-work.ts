import { apiErrorOf } from '../errors.js';
import type { TandemClient } from '../tandem-client.js';
import type { InteractionView } from './agent-types.js';

const enc = encodeURIComponent;

export interface WrapUpCode {
  id: string;
  displayName: string;
  category?: string;
}

export interface WrapUpCodes {
  interactionId: string;
  workgroupId: string | null;
  /** The open prompt of this user, with its time limit (epoch ms); null when none is open. */
  pending: { deadline: number } | null;
  codes: WrapUpCode[];
}

/** The wrap-up codes this user may choose for an interaction. */
export function getWrapUpCodes(client: TandemClient, interactionId: string): Promise<WrapUpCodes> {
  return client.request<WrapUpCodes>('GET', `/api/v1/interactions/${enc(interactionId)}/wrap-up-codes`);
}

export interface ResponseItem {
  id: string;
  type: 'message' | 'url' | 'file';
  name: string;
  shortcut?: string;
  labels?: string[];
  text?: string;
  url?: string;
  category?: string;
  [key: string]: unknown;
}

export interface ResponseHit {
  library: { id: string; displayName: string; [key: string]: unknown };
  item: ResponseItem;
  score: number;
}

/** Full-text search over the responses this user may use (empty query: all). */
export async function searchResponses(
  client: TandemClient,
  query: string,
  options: { limit?: number; types?: ('message' | 'url' | 'file')[] } = {},
): Promise<ResponseHit[]> {
  const params = new URLSearchParams({ query, limit: String(options.limit ?? 20) });
  if (options.types) params.set('types', options.types.join(','));
  return (await client.request<{ items: ResponseHit[] }>('GET', `/api/v1/responses?${params.toString()}`)).items;
}

/** The responses whose shortcut is, or starts with, `shortcut` (Ctrl+Space). */
export async function responsesByShortcut(
  client: TandemClient,
  shortcut: string,
  exact = false,
): Promise<ResponseHit[]> {
  const answer = await client.request<{ items: ResponseHit[] }>(
    'GET',
    `/api/v1/responses/shortcuts/${enc(shortcut)}?exact=${exact}&types=message,url`,
  );
  return answer.items;
}

/** Replaces the macros (`[UserName]`, `[Attribute:X]`, `[Response:y]`) of a response's text. */
export function expandResponse(
  client: TandemClient,
  text: string,
  interactionAttributes: Record<string, string> = {},
): Promise<{ text: string; unresolved: unknown[] }> {
  return client.request('POST', '/api/v1/responses/expand', {
    text,
    interactionAttributes,
    ...(typeof Intl === 'object' ? { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone } : {}),
  });
}

export interface EmailAddress {
  address: string;
  name: string;
}

export interface EmailFile {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
  inline: boolean;
}

/** A received email: headers, the server's sanitized HTML, the text and the files. */
export interface EmailMessage {
  interactionId: string;
  from: EmailAddress;
  replyTo: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  subject: string;
  date: string | null;
  receivedAt: string;
  text: string;
  html: string | null;
  blockedImages: number;
  attachments: EmailFile[];
  [key: string]: unknown;
}

export interface EmailDraft {
  interactionId: string;
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  subject: string;
  text: string;
  html: string;
  attachments: EmailFile[];
  updatedAt: string;
  sentAt: string | null;
  sendInterruptedAt: string | null;
  [key: string]: unknown;
}

export function getEmail(client: TandemClient, id: string, remoteImages = false): Promise<EmailMessage> {
  return client.request<EmailMessage>('GET', `/api/v1/interactions/${enc(id)}/email?remoteImages=${remoteImages}`);
}

/** The download address of an email's (or draft's) file; the browser sends the cookie. */
export function emailFileUrl(client: TandemClient, id: string, fileId: string): string {
  return `${client.baseUrl}/api/v1/interactions/${enc(id)}/email/attachments/${enc(fileId)}`;
}

/** Reply, reply to all or forward: answers the new outbound interaction and its draft. */
export function replyToEmail(
  client: TandemClient,
  id: string,
  body: { mode: 'reply' | 'reply-all' | 'forward'; to?: (string | EmailAddress)[]; text?: string },
): Promise<{ interaction: InteractionView; draft: EmailDraft }> {
  return client.request('POST', `/api/v1/interactions/${enc(id)}/email/reply`, body);
}

export function getDraft(client: TandemClient, id: string): Promise<EmailDraft> {
  return client.request<EmailDraft>('GET', `/api/v1/interactions/${enc(id)}/email/draft`);
}

/** Saves the draft; fields left out keep their value. */
export function saveDraft(
  client: TandemClient,
  id: string,
  fields: Partial<{
    to: (string | EmailAddress)[];
    cc: (string | EmailAddress)[];
    bcc: (string | EmailAddress)[];
    subject: string;
    text: string;
    html: string;
    attachmentIds: string[];
  }>,
): Promise<EmailDraft> {
  return client.request<EmailDraft>('PUT', `/api/v1/interactions/${enc(id)}/email/draft`, fields);
}

/** Sends the draft through the relay; the reply interaction then disconnects. */
export function sendDraft(client: TandemClient, id: string): Promise<{ interaction: InteractionView; sent: unknown }> {
  return client.request('POST', `/api/v1/interactions/${enc(id)}/email/send`, {});
}

/**
 * Attaches a file to a draft: the bytes go as the raw body (not JSON), with the CSRF token of a
 * browser session or the bearer token of a program.
 */
export async function uploadDraftFile(
  client: TandemClient,
  id: string,
  file: { name: string; type: string; data: Blob | ArrayBuffer | Uint8Array },
): Promise<EmailFile> {
  const params = new URLSearchParams({ filename: file.name, type: file.type || 'application/octet-stream' });
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream', accept: 'application/json' };
  if (client.token) headers['authorization'] = `Bearer ${client.token}`;
  if (client.csrfToken) headers['x-csrf-token'] = client.csrfToken;
  const url = `${client.baseUrl}/api/v1/interactions/${enc(id)}/email/attachments?${params.toString()}`;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: file.data as unknown as NonNullable<RequestInit['body']>,
    credentials: 'same-origin',
  });
  const text = await response.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) throw apiErrorOf(response.status, parsed);
  return parsed as EmailFile;
}

/** Starts a consult (an intercom chat with a colleague, child of the chat). */
export function startConsult(client: TandemClient, chatId: string, userId: string): Promise<InteractionView> {
  return client.request<InteractionView>('POST', `/api/v1/interactions/${enc(chatId)}/consult`, { userId });
}

/** Completes a consult transfer: the chat goes to the consulted colleague. */
export function completeConsult(client: TandemClient, chatId: string, consultId: string): Promise<InteractionView> {
  return client.request<InteractionView>('POST', `/api/v1/interactions/${enc(chatId)}/consult/complete`, {
    consultId,
  });
}

export function cancelConsult(client: TandemClient, chatId: string, consultId: string): Promise<InteractionView> {
  return client.request<InteractionView>('POST', `/api/v1/interactions/${enc(chatId)}/consult/cancel`, { consultId });
}
