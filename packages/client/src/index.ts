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
