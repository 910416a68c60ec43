import type { FieldIssue } from './form-body.js';

/** What the UI says about a failed request, by what the user can do about it. */
export type ErrorView =
  | { kind: 'forbidden'; message: string }
  | { kind: 'conflict'; message: string }
  | { kind: 'referenced'; message: string; referrers: { kind: string; id: string; field?: string }[] }
  | { kind: 'invalid'; message: string; issues: FieldIssue[] }
  | { kind: 'other'; message: string };

interface ErrorLike {
  status?: unknown;
  code?: unknown;
  message?: unknown;
  details?: { issues?: unknown; referrers?: unknown } | undefined;
}

const referrerList = (value: unknown): { kind: string; id: string; field?: string }[] =>
  Array.isArray(value)
    ? (value as unknown[]).filter(
        (r): r is { kind: string; id: string; field?: string } =>
          typeof r === 'object' &&
          r !== null &&
          'kind' in r &&
          typeof r.kind === 'string' &&
          'id' in r &&
          typeof r.id === 'string',
      )
    : [];

/**
 * Sorts an error (usually a `TandemApiError`) into what the screen shows: a missing right (403),
 * someone else's change in between (412 `REVISION_CONFLICT`), referrers that block a delete (409
 * `STILL_REFERENCED`), field issues (400) or anything else with its message.
 */
export function errorViewOf(error: unknown): ErrorView {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (e.status === 403 || e.code === 'FORBIDDEN') return { kind: 'forbidden', message };
  if (e.status === 412 || e.code === 'REVISION_CONFLICT') return { kind: 'conflict', message };
  const referrers = referrerList(e.details?.referrers);
  if (e.status === 409 && referrers.length > 0) return { kind: 'referenced', message, referrers };
  if (Array.isArray(e.details?.issues)) return { kind: 'invalid', message, issues: e.details.issues as FieldIssue[] };
  return { kind: 'other', message };
}
