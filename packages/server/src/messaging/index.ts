export { EventHub, PublishedEvent } from './event-hub.js';
export type { EventHubOptions, FieldIssue, SubscribeResult, SubscriberListener } from './event-hub.js';
export { goingAwayPreClose, registerMessaging } from './messaging-routes.js';
export type { Messaging, MessagingOptions } from './messaging-routes.js';
export { CloseCode } from './websocket-connection.js';
export type { NamedTopicDefinition, Scope, Subscriber, TopicDefinition } from './topic.js';
export { USER_STATUS_TOPIC, MAX_WATCHED_USERS, userStatusTopic } from './topics/user-status-topic.js';
export type { UserStatusFilter } from './topics/user-status-topic.js';
