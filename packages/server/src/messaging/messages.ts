import { z } from 'zod';
import type { FieldIssue } from './event-hub.js';

/** A client's correlation id, echoed on the matching `subscribed`, `unsubscribed` or `error`. */
const correlationId = z.union([z.string().max(100), z.number().int()]).optional();

/** Client → server messages on the WebSocket. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    topic: z.string().min(1).max(100),
    filter: z.unknown().optional(),
    since: z.number().int().nonnegative().optional(),
    id: correlationId,
  }),
  z.object({ type: z.literal('unsubscribe'), topic: z.string().min(1).max(100), id: correlationId }),
  z.object({ type: z.literal('ping'), id: correlationId }),
]);

export type ClientMessage = z.output<typeof clientMessageSchema>;

export type MessagingErrorCode = 'VALIDATION_FAILED' | 'MALFORMED_REQUEST' | 'PAYLOAD_TOO_LARGE' | 'FORBIDDEN';

export interface MessagingError {
  code: MessagingErrorCode;
  message: string;
  details?: { issues: FieldIssue[] };
}

export type ParsedClientMessage =
  { ok: true; message: ClientMessage } | { ok: false; id?: string | number; error: MessagingError };

/** Parses one text frame; never throws. The error names the first bad field. */
export function parseClientMessage(text: string, maxBytes: number): ParsedClientMessage {
  if (Buffer.byteLength(text) > maxBytes) {
    return { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: `message is larger than ${maxBytes} bytes` } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'MALFORMED_REQUEST', message: 'message is not valid JSON' } };
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issues = parsed.error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(message)',
    message: i.message,
  }));
  const first = issues[0] ?? { path: '(message)', message: 'is invalid' };
  const error: MessagingError = {
    code: 'VALIDATION_FAILED',
    message: `${first.path}: ${first.message}`,
    details: { issues },
  };
  const id = echoableId(json);
  return id === undefined ? { ok: false, error } : { ok: false, id, error };
}

function echoableId(json: unknown): string | number | undefined {
  if (typeof json !== 'object' || json === null || !('id' in json)) return undefined;
  const id = json.id;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}

/** Server → client control messages (events are `PublishedEvent.json`). */
export type ServerControlMessage =
  | { type: 'subscribed'; topic: string; seq: number; id?: string | number }
  | { type: 'unsubscribed'; topic: string; id?: string | number }
  | { type: 'resync'; topic: string; id?: string | number }
  | { type: 'pong'; id?: string | number }
  | { type: 'error'; error: MessagingError; id?: string | number }
  | { type: 'session.ended'; data: { reason: string } };

/** Adds `id` only when the client gave one (exactOptionalPropertyTypes). */
export function withId<T extends object>(message: T, id: string | number | undefined): T & { id?: string | number } {
  return id === undefined ? message : { ...message, id };
}
