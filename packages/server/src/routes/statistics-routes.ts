import { KIND_SPECS } from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/auth.js';
import type { StatisticsService } from '../services/statistics-service.js';

const ms = z.number().describe('milliseconds');
const count = z.int().min(0);
const durations = z.object({ totalMs: ms, averageMs: ms.nullable(), longestMs: ms.nullable() });
const span = { start: z.number().describe('epoch ms'), end: z.number().describe('epoch ms, exclusive') };
const intervalSet = <T extends z.ZodType>(figures: T) =>
  z.object({ currentShift: figures, previousShift: figures, currentPeriod: figures, previousPeriod: figures });

const workgroupInterval = z.object({
  ...span,
  received: count,
  answered: count,
  answeredWithinTarget: count,
  abandoned: count,
  flowedOut: count,
  completed: count,
  held: count,
  talk: durations,
  hold: durations,
  wait: durations,
  serviceLevelPercent: z.number().nullable(),
  abandonRatePercent: z.number().nullable(),
  averageHandleMs: ms.nullable(),
});

const agentInterval = z.object({
  ...span,
  received: count,
  answered: count,
  notAnswered: count,
  completed: count,
  held: count,
  talk: durations,
  hold: durations,
});

const workgroupStatistics = z.object({
  workgroupId: z.string(),
  at: z.number(),
  serviceLevelSeconds: z.number(),
  intervals: intervalSet(workgroupInterval),
  live: z.object({
    waiting: count,
    alerting: count,
    longestWaitingMs: ms.nullable(),
    longestTalkMs: ms.nullable(),
    agents: z.object({ loggedOn: count, available: count, idle: count, onAcd: count, inAcw: count }),
  }),
  estimatedWait: z.object({
    seconds: z.number().nullable(),
    method: z.enum(['idle-agent', 'queue-position', 'no-agents']),
    handleTimeFrom: z.enum(['current-shift', 'previous-shift', 'default']).optional(),
  }),
});

const agentStatistics = z.object({
  userId: z.string(),
  at: z.number(),
  workgroups: z.array(z.object({ workgroupId: z.string(), intervals: intervalSet(agentInterval) })),
  nonAcd: intervalSet(agentInterval),
});

/**
 * `GET /api/v1/statistics/workgroups/{id}` and `GET /api/v1/statistics/agents/{id}`: the figures
 * of the current and previous shift and period, with live gauges and the wait estimate for a
 * workgroup. 404 for an unknown id, then 403 without the right (see `StatisticsService`).
 */
export function statisticsRoutes(deps: { statistics: StatisticsService }): FastifyPluginAsyncZod {
  const { statistics } = deps;
  return async (app) => {
    app.get(
      '/api/v1/statistics/workgroups/:id',
      {
        schema: {
          tags: ['statistics'],
          summary: "A workgroup's ACD statistics: shift and period figures, live gauges, estimated wait",
          params: z.strictObject({ id: KIND_SPECS.workgroups.id }),
          response: { 200: workgroupStatistics },
        },
      },
      async (request) => statistics.workgroupFor(authOf(request), request.params.id),
    );

    app.get(
      '/api/v1/statistics/agents/:id',
      {
        schema: {
          tags: ['statistics'],
          summary: "An agent's ACD statistics per workgroup and outside ACD: shift and period figures",
          params: z.strictObject({ id: KIND_SPECS.users.id }),
          response: { 200: agentStatistics },
        },
      },
      async (request) => statistics.agentFor(authOf(request), request.params.id),
    );
  };
}
