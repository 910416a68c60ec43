import { openStore } from '@tandem/store';
import { createServer, type Tandem } from './app.js';
import type { ServerConfig } from './config.js';
import { resolveStorageId } from './process/cluster/storage-id.js';
import { seedProcessSamples } from './process/samples-seed.js';
import { seedIfEmpty } from './seed.js';

export interface Running {
  tandem: Tandem;
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens the store (PGlite on disk unless a PostgreSQL URL is configured), applies migrations,
 * seeds an empty database, and listens. The only place that calls `listen`.
 */
export async function startTandem(
  configured: ServerConfig,
  print: (line: string) => void = console.log,
): Promise<Running> {
  const started = performance.now();
  // The engine node's storage id: TANDEM_STORAGE_ID, else the one kept in the data directory.
  const config = {
    ...configured,
    storageId: resolveStorageId({ configured: configured.storageId, dataDir: configured.dataDir }),
  };
  const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  const tandem = await createServer({ config, store });
  const seeded = await seedIfEmpty(tandem.directory, { demo: config.seedDemo, password: config.demoPassword });
  await tandem.app.listen({ port: config.port, host: config.host });
  const smtp = await tandem.email?.listen();
  tandem.startTimers();
  const address = tandem.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  // The demo's sample processes, their credit check calling this server's demo endpoint.
  if (seeded.created && config.seedDemo)
    await seedProcessSamples(tandem.processes, { creditServiceHost: `127.0.0.1:${port}` });

  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  print(
    `Tandem ${config.version} is ready at ${url} (storage: ${where}) in ${Math.round(performance.now() - started)} ms`,
  );
  print(`  API docs: ${url}/api/v1/docs   health: ${url}/api/v1/health   metrics: ${url}/metrics`);
  if (smtp) print(`  Inbound SMTP for workgroup mailboxes: ${config.smtpHost}:${smtp.port}`);
  if (seeded.created && seeded.demoPassword) {
    print(`  Demo organisation created. Users: ${seeded.demoUsers.join(', ')}`);
    print(
      config.demoPassword
        ? '  Their password is the value of TANDEM_DEMO_PASSWORD.'
        : `  Their password (shown once, not stored in clear): ${seeded.demoPassword}`,
    );
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await tandem.close();
      await store.close();
    })());
  return { tandem, url, stop };
}
