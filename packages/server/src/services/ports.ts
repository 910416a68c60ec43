/** What services need of the live-events hub, so they can be tested without sockets. */
export interface EventSink {
  publish(topic: string, event: string, data: unknown, scope: Record<string, string>): void;
}

/** Closes a session's event streams, telling them why. */
export interface SessionStreams {
  endSession(sessionId: string, reason: string): void;
}
