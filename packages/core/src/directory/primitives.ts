import { z } from 'zod';

/** Ids of directory entities: readable names (`agent1`, `Sales`, `PAS_DepthThreshold`). */
export const entityId = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._@,:'()-]*$/,
    "may hold letters, digits, space and . _ @ , : ' ( ) - and must start with a letter or digit",
  );

export const displayName = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
export const description = z.string().max(2000, 'must be at most 2000 characters');
export const phoneNumber = z
  .string()
  .max(64, 'must be at most 64 characters')
  .regex(/^[+0-9 ()./x-]*$/, 'may hold digits, spaces and + ( ) . / x -');
export const emailAddress = z.email('must be an email address').max(320, 'must be at most 320 characters');

/** The media types that interactions come in, and that utilization and ACD licences are kept per. */
export const MEDIA_TYPES = ['call', 'chat', 'email', 'callback', 'sms', 'generic', 'workitem'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];
export const mediaType = z.enum(MEDIA_TYPES);

export function uniqueList<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .max(max, `must hold at most ${max} entries`)
    .refine((list) => new Set(list.map((x) => JSON.stringify(x))).size === list.length, 'must not repeat an entry');
}
