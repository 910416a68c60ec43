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

/** A server on a fresh store with the demo organisation, driven by `app.inject` and a fake clock. */
export async function aServer(options: { engine?: 'pglite' | 'postgres'; demo?: boolean } = {}): Promise<TestServer> {
  const store = await openTestStore(options.engine ?? 'pglite');
  const clock = new FakeClock(Date.UTC(2026, 10, 2, 9, 0, 0));
  const config = { ...loadConfig({}), logLevel: 'silent' as const, port: 0, smtpPort: 0 };
  const tandem = await createServer({ config, store, clock });
  await seedIfEmpty(tandem.directory, { demo: options.demo ?? true, password: DEMO_PASSWORD });
  const call: TestServer['call'] = async (token, method, url, body) => {
    const options: InjectOptions = { method, url, headers: token ? { authorization: `Bearer ${token}` } : {} };
    if (body !== undefined) options.payload = body as NonNullable<InjectOptions['payload']>;
    return tandem.app.inject(options);
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
      await store.close();
    },
  };
}
