export { TandemClient } from './tandem-client.js';
export type { ConnectionInfo, ConnectOptions, HttpMethod, Station, TandemClientOptions } from './tandem-client.js';
export { TandemApiError } from './errors.js';
export type { FieldIssue } from './errors.js';
export { EventStream } from './event-stream.js';
export type { EventStreamOptions, StreamSubscription } from './event-stream.js';
export type {
  ControlMessage,
  ServerMessage,
  StreamLifecycleEvents,
  TandemEvent,
  TandemEventMap,
  TopicFilterMap,
  UserStatusData,
} from './messages.js';
export { defaultWebSocketFactory } from './web-socket.js';
export type { WebSocketFactory, WebSocketLike } from './web-socket.js';
export { changePassword, logOnBrowser, resumeBrowserSession, setStation } from './api/browser-session.js';
export type { BrowserLogon, BrowserSessionInfo } from './api/browser-session.js';
export { listDirectoryUsers, listDirectoryWorkgroups, listUserStatuses } from './api/directory.js';
export type { DirectoryPage, DirectoryUser, DirectoryWorkgroup } from './api/directory.js';
export { getWorkgroupQueue } from './api/queues.js';
export type { QueueInteraction, QueueItemEvent, QueuePage, QueueRemovedEvent } from './api/queues.js';
export { getActivations, setActivations } from './api/activations.js';
export type { UserActivations, WorkgroupActivation } from './api/activations.js';
export { getAgentStatistics, getWorkgroupStatistics } from './api/statistics.js';
export type {
  AgentInterval,
  AgentStatistics,
  Durations,
  IntervalName,
  IntervalSet,
  WorkgroupInterval,
  WorkgroupStatistics,
} from './api/statistics.js';
export {
  createConfig,
  deleteConfig,
  getConfig,
  getOpenApiDocument,
  listConfig,
  resetUserPassword,
  updateConfig,
} from './api/config.js';
export type { ConfigRecord } from './api/config.js';
export * from './api/agent-api.js';
export type * from './api/agent-types.js';
export { CHAT_ENDED_CLOSE_CODE, CustomerChat, WebChatCustomer } from './api/webchat-customer.js';
export type {
  CallbackRequest,
  ChatCredentials,
  CustomerChatEvent,
  CustomerMessage,
  PublicWidgetConfig,
  RoutingContext,
  StartChatRequest,
} from './api/webchat-customer.js';
export * from './api/agent-work.js';
