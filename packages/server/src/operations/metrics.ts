import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';

/** Prometheus metrics of one server; a registry per server so tests can run several. */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'tandem_http_requests_total',
    help: 'HTTP requests answered, by route, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [this.registry],
  });
  readonly requestSeconds = new Histogram({
    name: 'tandem_http_request_duration_seconds',
    help: 'Time to answer HTTP requests',
    labelNames: ['route', 'method'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [this.registry],
  });
  readonly logons = new Counter({
    name: 'tandem_logons_total',
    help: 'Logon attempts by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor(gauges: { sessions: () => number; streams: () => number; licencesInUse: () => Record<string, number> }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'tandem_' });
    new Gauge({
      name: 'tandem_sessions_active',
      help: 'Sessions logged on',
      registers: [this.registry],
      collect() {
        this.set(gauges.sessions());
      },
    });
    new Gauge({
      name: 'tandem_event_streams_open',
      help: 'WebSocket and SSE event streams open',
      registers: [this.registry],
      collect() {
        this.set(gauges.streams());
      },
    });
    new Gauge({
      name: 'tandem_licences_in_use',
      help: 'Concurrent licences held by sessions',
      labelNames: ['licence'],
      registers: [this.registry],
      collect() {
        for (const [licence, n] of Object.entries(gauges.licencesInUse())) this.set({ licence }, n);
      },
    });
  }

  install(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.requests.inc({ route, method: request.method, status: String(reply.statusCode) });
      this.requestSeconds.observe({ route, method: request.method }, reply.elapsedTime / 1000);
    });
  }
}
