/** A live event: `type` is `<topic>.<event>`; `seq` is global and strictly increasing. */
export interface TandemEvent<T = unknown> {
  type: string;
  seq: number;
  data: T;
}

/** A user's presence, as published on `user-status` (mirrors `UserStatus` in core). */
export interface UserStatusData {
  userId: string;
  statusId: string;
  notes?: string;
  until?: number;
  forwardNumber?: string;
  changedAt: number;
  changedBy: string;
  loggedOn: boolean;
  stationId?: string;
  [key: string]: unknown;
}

/**
 * The data of each known event type. Extend it by declaration merging:
 * `declare module '@tandem/client' { interface TandemEventMap { 'queue.added': QueueItem } }`.
 */
export interface TandemEventMap {
  'user-status.changed': UserStatusData;
}

/** Filters per topic (what `subscribe` sends); unknown topics take any JSON value. */
export interface TopicFilterMap {
  'user-status': { userIds?: string[] } | undefined;
}

/** What the stream itself reports, next to the events. */
export interface StreamLifecycleEvents {
  /** The socket is open (first time or again) and every subscription has been sent. */
  open: { reconnect: boolean };
  /** The stream is back after a drop; missed events (from `since`) are being replayed. */
  reconnected: { attempt: number };
  /** The socket closed; the stream reconnects unless the session ended or `close()` was called. */
  disconnected: { code: number; reason: string };
  /** The server no longer holds the events since our last seq for `topic`: refetch its state over REST. */
  resync: { topic: string };
  /** The server ended the session (logoff, timeout, logged on elsewhere...): no reconnect. */
  'session.ended': { reason: string };
  /** An error answered by the server (a refused subscribe names `topic`). */
  error: { code: string; message: string; details?: unknown; topic?: string };
  /** `close()` was called or the session ended: nothing more comes. */
  closed: Record<string, never>;
}

/** Server → client messages on the socket that are not events. */
export type ControlMessage =
  | { type: 'subscribed'; topic: string; seq: number; id?: string | number }
  | { type: 'unsubscribed'; topic: string; id?: string | number }
  | { type: 'resync'; topic: string; id?: string | number }
  | { type: 'pong'; id?: string | number }
  | { type: 'error'; error: { code: string; message: string; details?: unknown }; id?: string | number }
  | { type: 'session.ended'; data: { reason: string } };

/** Server → client messages on the socket. */
export type ServerMessage = TandemEvent | ControlMessage;
