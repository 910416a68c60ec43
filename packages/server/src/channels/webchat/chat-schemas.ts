import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

/** Schemas shared by the customer, agent and callback routes. */

export const interactionIdParam = z.string().regex(/^\d{10}$/, 'must be a ten-digit interaction id');

export const notBlank = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, 'must not be blank');

/** A chat line: 1 to 4,000 characters, not only spaces. */
export const messageText = notBlank(4000);

/** Custom attributes a website sends; the server prefixes them with `WebTools_`. */
export const customAttributes = z
  .record(
    z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'attribute names hold letters, digits and _ . : -'),
    z.string().max(2000, 'must be at most 2000 characters'),
  )
  .refine((a) => Object.keys(a).length <= 50, 'must hold at most 50 attributes');

const seqText = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a whole number')
  .transform(Number);

/** `?after=<seq>&limit=`: transcript paging. */
export const transcriptQuery = {
  after: seqText.optional(),
  limit: seqText.pipe(z.int().min(1, 'must be at least 1').max(500, 'must be at most 500')).optional(),
};

/** The customer's token, as `?token=` or `Authorization: Bearer`; the query is read first when both are sent. */
export const tokenQuery = { token: z.string().min(1).max(200).optional() };

export function chatTokenOf(request: FastifyRequest): string | undefined {
  const query = request.query as { token?: unknown } | undefined;
  if (typeof query?.token === 'string') return query.token;
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}
