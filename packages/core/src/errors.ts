/**
 * The one table of error codes. Every error that leaves the server carries one of these codes;
 * the server maps each to an HTTP status in a `Record<ErrorCode, number>`, so adding a code here
 * without a mapping there does not compile. `docs/errors.md` has a heading per code (kept in step
 * by a test).
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_AUTHENTICATED',
  'CSRF_TOKEN_INVALID',
  'LOGON_FAILED',
  'ACCOUNT_LOCKED',
  'PASSWORD_CHANGE_REQUIRED',
  'PASSWORD_POLICY_VIOLATION',
  'LICENCE_UNAVAILABLE',
  'LICENCE_LIMIT_REACHED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'ALREADY_EXISTS',
  'STILL_REFERENCED',
  'REFERENCE_NOT_FOUND',
  'REVISION_CONFLICT',
  'STATION_IN_USE',
  'STATUS_NOT_SELECTABLE',
  'INTERACTION_NOT_FOUND',
  'ACTION_NOT_ALLOWED',
  'NOT_ASSIGNED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field of a request; `path` is dotted (`skills.0.proficiency`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorDetails {
  issues?: FieldIssue[];
  referrers?: { kind: string; id: string; field: string }[];
  [key: string]: unknown;
}

/** An expected failure with a code from the table; never used for programming errors. */
export class TandemError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'TandemError';
    this.code = code;
    this.details = details;
  }
}

export function isTandemError(value: unknown): value is TandemError {
  return value instanceof TandemError;
}

/** Shorthand for a validation failure on one field. */
export function fieldError(path: string, message: string): TandemError {
  return new TandemError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message }] });
}
