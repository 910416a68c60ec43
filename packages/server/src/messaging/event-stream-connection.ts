import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { FieldIssue, PublishedEvent } from './event-hub.js';
import type { ServerControlMessage } from './messages.js';
import type { ConnectionContext, MessagingConnection } from './websocket-connection.js';

/**
 * The query of `GET /api/v1/messaging` with `Accept: text/event-stream`:
 * - `topics`: comma-separated topic names, e.g. `topics=user-status,queue`;
 * - `since`: the last `seq` the client holds (replay, or a `resync` event when too old);
 * - `filter.<topic>`: that topic's filter as JSON, e.g. `filter.user-status={"userIds":["agent1"]}`.
 * A `Last-Event-ID` header (sent by `EventSource` when it reconnects) overrides `since`.
 */
const sseQuerySchema = z.looseObject({
  topics: z
    .string()
    .min(1)
    .transform((value) => [
      ...new Set(
        value
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== ''),
      ),
    ])
    .pipe(z.array(z.string().max(100)).min(1).max(20)),
  since: z.coerce.number().int().nonnegative().optional(),
});

export interface EventStreamRequest {
  topics: string[];
  filters: Map<string, unknown>;
  since: number | undefined;
}

type Parsed = { ok: true; value: EventStreamRequest } | { ok: false; issues: FieldIssue[] };

/** Parses the query and `Last-Event-ID` of an SSE request; never throws. */
export function parseEventStreamRequest(query: unknown, lastEventId: string | undefined): Parsed {
  const parsed = sseQuerySchema.safeParse(query ?? {});
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    };
  const filters = new Map<string, unknown>();
  for (const topic of parsed.data.topics) {
    const raw = parsed.data[`filter.${topic}`];
    if (raw === undefined) continue;
    if (typeof raw !== 'string')
      return { ok: false, issues: [{ path: `filter.${topic}`, message: 'must be given once' }] };
    try {
      filters.set(topic, JSON.parse(raw));
    } catch {
      return { ok: false, issues: [{ path: `filter.${topic}`, message: 'is not valid JSON' }] };
    }
  }
  let since = parsed.data.since;
  if (lastEventId !== undefined && lastEventId !== '') {
    const resumeFrom = Number(lastEventId);
    if (!Number.isSafeInteger(resumeFrom) || resumeFrom < 0)
      return { ok: false, issues: [{ path: 'Last-Event-ID', message: 'must be a seq' }] };
    since = resumeFrom;
  }
  return { ok: true, value: { topics: parsed.data.topics, filters, since } };
}

export interface EventStreamOptions extends ConnectionContext {
  heartbeatMs: number;
}

/**
 * Subscribes to every requested topic, then turns the reply into an event stream. Answers the
 * error to send instead (nothing subscribed) when a subscription is refused.
 */
export function serveEventStream(
  reply: FastifyReply,
  wanted: EventStreamRequest,
  ctx: EventStreamOptions,
): { connection: MessagingConnection } | { status: 400 | 403; code: string; message: string; issues: FieldIssue[] } {
  const { hub, subscriber, connectionId } = ctx;
  const res = reply.raw;
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;
  const write = (text: string): void => {
    if (closed) return;
    res.write(text);
    if (res.writableLength > ctx.maxBufferedBytes) close();
  };
  const writeEvent = (event: PublishedEvent): void =>
    write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${event.json}\n\n`);
  const writeControl = (message: ServerControlMessage, seq?: number): void =>
    write(`${seq === undefined ? '' : `id: ${seq}\n`}event: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`);
  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    hub.removeSubscriber(connectionId);
    res.end();
  };

  hub.addSubscriber(connectionId, subscriber, {
    deliver: writeEvent,
    end: (reason) => {
      writeControl({ type: 'session.ended', data: { reason } });
      close();
    },
  });
  const replay: PublishedEvent[] = [];
  const acks: ServerControlMessage[] = [];
  let seq = hub.currentSeq();
  for (const topic of wanted.topics) {
    const result = hub.subscribe(connectionId, topic, wanted.filters.get(topic), wanted.since);
    if (result.status === 'refused') {
      hub.removeSubscriber(connectionId);
      return {
        status: result.code === 'FORBIDDEN' ? 403 : 400,
        code: result.code,
        message: result.message,
        issues: result.issues,
      };
    }
    if (result.status === 'resync') acks.push({ type: 'resync', topic });
    else replay.push(...result.replay);
    acks.push({ type: 'subscribed', topic, seq: result.seq });
    seq = result.seq;
  }

  reply.hijack();
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  // One stream, one resume point: missed events of all topics go out in global seq order, so a
  // drop in the middle of the replay leaves a Last-Event-ID that loses nothing.
  replay.sort((a, b) => a.seq - b.seq).forEach(writeEvent);
  acks.forEach((ack) => writeControl(ack, ack.type === 'subscribed' ? seq : undefined));
  ctx.onActivity?.(subscriber);

  if (!closed) {
    heartbeat = setInterval(() => write(': heartbeat\n\n'), ctx.heartbeatMs);
    heartbeat.unref();
  }
  res.on('close', () => {
    close();
    ctx.onClose?.(subscriber);
  });

  const connection: MessagingConnection = {
    subscriber,
    close: () => close(),
    probe: () => true,
    destroy: () => {
      close();
      res.destroy();
    },
  };
  return { connection };
}
