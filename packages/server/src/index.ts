export { createServer, type Tandem, type ServerDeps } from './app.js';
export { loadConfig, type ServerConfig } from './config.js';
export { startTandem, type Running } from './main.js';
export { seedIfEmpty } from './seed.js';
export { HTTP_STATUS } from './http/error-map.js';
