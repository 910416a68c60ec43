import type { TandemStore } from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Metrics } from '../operations/metrics.js';

/** Health, metrics and the OpenAPI document: no session needed. */
export function operationsRoutes(deps: {
  store: TandemStore;
  metrics: Metrics;
  version: string;
  role: () => 'primary' | 'backup';
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/health',
      { config: { auth: 'none' }, schema: { tags: ['operations'], summary: 'Liveness and database reachability' } },
      async (_request, reply) => {
        const started = performance.now();
        try {
          await deps.store.ping();
          const ms = Math.round((performance.now() - started) * 10) / 10;
          return {
            status: 'ok',
            role: deps.role(),
            version: deps.version,
            database: { engine: deps.store.engine, ok: true, latencyMs: ms },
          };
        } catch (error) {
          return reply.status(503).send({
            status: 'degraded',
            role: deps.role(),
            version: deps.version,
            database: {
              engine: deps.store.engine,
              ok: false,
              error: error instanceof Error ? error.message : String(error),
            },
          });
        }
      },
    );
    app.get('/metrics', { config: { auth: 'none' }, schema: { hide: true } }, async (_request, reply) => {
      return reply
        .header('content-type', deps.metrics.registry.contentType)
        .send(await deps.metrics.registry.metrics());
    });
    app.get('/api/v1/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () => app.swagger());
  };
}
