import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const creditScoreBody = z.strictObject({
  ssn: z
    .string()
    .regex(/^[0-9][0-9 -]{7,20}[0-9]$/, 'must be 9 to 22 digits, spaces or dashes, starting and ending with a digit'),
  amount: z
    .number('must be a number')
    .min(0, 'must not be negative')
    .max(1_000_000_000, 'must be at most 1,000,000,000'),
});

export type CreditDecision = 'approve' | 'refer' | 'decline';

/**
 * The demo's credit bureau: a score from 300 to 850 that depends only on the digits of the SSN
 * (the same applicant always gets the same score), lowered for large amounts. 700 and above
 * approves, under 500 declines, refers in between.
 */
export function creditScore(ssn: string, amount: number): { score: number; decision: CreditDecision } {
  // FNV-1a over the digits, then a final mix, so that neighbouring SSNs get unrelated scores.
  let hash = 0x811c9dc5;
  for (const digit of ssn.replace(/\D/g, '')) hash = Math.imul(hash ^ digit.charCodeAt(0), 0x01000193) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) >>> 0;
  hash = (hash ^ (hash >>> 16)) >>> 0;
  const penalty = Math.min(150, Math.floor(Math.max(0, amount - 50_000) / 1_000));
  const score = Math.max(300, 300 + (hash % 551) - penalty);
  return { score, decision: score >= 700 ? 'approve' : score < 500 ? 'decline' : 'refer' };
}

/**
 * `POST /api/v1/demo/credit-score {ssn, amount}` → `{score, decision}`: the web service the car-loan
 * sample's credit check calls, so the sample runs out of the box. No session: the process engine
 * calls it as any web service, and it holds no data.
 */
export function demoCreditScoreRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/demo/credit-score',
      {
        config: { auth: 'none' },
        schema: {
          tags: ['demo'],
          summary: "The car-loan sample's credit check: a deterministic score for an SSN and amount",
          body: creditScoreBody,
          security: [],
        },
      },
      async (request) => creditScore(request.body.ssn, request.body.amount),
    );
  };
}
