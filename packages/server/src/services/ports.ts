/** What services need of the live-events hub, so they can be tested without sockets. */
export interface EventSink {
  publish(topic: string, event: string, data: unknown, scope: Record<string, string>): void;
}

/** Closes a session's event streams, telling them why. */
export interface SessionStreams {
  endSession(sessionId: string, reason: string): void;
}

/**
 * A way to one live-events subscription alone (the hub's `SubscriptionChannel`): sends an event only
 * it receives, and answers whether it was delivered (not when the subscription has ended or been
 * replaced, or the event is outside its filter).
 */
export interface SubscriberChannel {
  send(event: string, data: unknown, scope: Record<string, string>): boolean;
}
