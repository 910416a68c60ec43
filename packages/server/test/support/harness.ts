import { FakeClock, type TandemStore } from '@tandem/core';
import { openTestStore } from '@tandem/store/testing';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createServer, type Tandem } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { seedIfEmpty } from '../../src/seed.js';

export const DEMO_PASSWORD = 'demo-password-1';

export interface TestServer {
  tandem: Tandem;
  store: TandemStore;
  clock: FakeClock;
  /** Logs a user on with the demo password; answers the bearer token. */
  logon(userId: string, password?: string): Promise<string>;
  /** A request as `token`'s session (bearer), JSON in and out. */
  call(
    token: string | undefined,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  engine?: 'pglite' | 'postgres';
  /** Whether the demo organisation is seeded (when the store is empty). Default true. */
  demo?: boolean;
  /** Serve from this store (a restart, or a second engine node): it is left open on close. Default: a fresh one. */
  store?: TandemStore;
  clock?: FakeClock;
  /** The process engine node's storage id. Default `node-1`. */
  storageId?: string;
  /** The SMTP relay that replies and Send Email actions go through. Default port 25. */
  relayPort?: number;
  /** False to leave the email channel out (see `ServerDeps.email`). Default true. */
  email?: boolean;
}

/**
 * A server with the demo organisation, driven by `app.inject` and a fake clock, on a fresh store
 * unless one is given. Resolves once the process engine has restored its instances.
 */
export async function aServer(options: TestServerOptions = {}): Promise<TestServer> {
  const store = options.store ?? (await openTestStore(options.engine ?? 'pglite'));
  const clock = options.clock ?? new FakeClock(Date.UTC(2026, 10, 2, 9, 0, 0));
  const config = {
    ...loadConfig({}),
    logLevel: 'silent' as const,
    port: 0,
    smtpPort: 0,
    smtpRelayHost: '127.0.0.1',
    smtpRelayPort: options.relayPort ?? 25,
    storageId: options.storageId,
  };
  const tandem = await createServer({ config, store, clock, ...(options.email === false ? { email: false } : {}) });
  await seedIfEmpty(tandem.directory, { demo: options.demo ?? true, password: DEMO_PASSWORD });
  await tandem.processes.ready;
  const call: TestServer['call'] = async (token, method, url, body) => {
    const inject: InjectOptions = { method, url, headers: token ? { authorization: `Bearer ${token}` } : {} };
    if (body !== undefined) inject.payload = body as NonNullable<InjectOptions['payload']>;
    return tandem.app.inject(inject);
  };
  return {
    tandem,
    store,
    clock,
    call,
    async logon(userId, password = DEMO_PASSWORD) {
      const response = await call(undefined, 'POST', '/api/v1/connection', { userId, password });
      if (response.statusCode !== 201)
        throw new Error(`logon of ${userId} failed: ${response.statusCode} ${response.body}`);
      return response.json<{ token: string }>().token;
    },
    async close() {
      await tandem.close();
      if (!options.store) await store.close();
    },
  };
}
