export { createServer, type Tandem, type ServerDeps } from './app.js';
export { loadConfig, type ServerConfig } from './config.js';
export type { EventHub, PublishedEvent } from './messaging/event-hub.js';
export { startTandem, type Running } from './main.js';
export { seedIfEmpty } from './seed.js';
export { HTTP_STATUS } from './http/error-map.js';
export { LINGER_MS } from './services/interaction-service.js';
export {
  readSnapshot,
  moveRequestKey,
  moveAnswerKey,
  type EngineNode,
  type NodeSnapshot,
} from './process/cluster/node-plan.js';
export { DEFAULT_CLUSTER_OPTIONS } from './process/cluster/engine-cluster.js';
export { SERVER_NODE_FLAGS, missingServerNodeFlags } from './node-flags.js';
