/** One problem with one field of a request, as the server names it (`skills.0.proficiency`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** An error answered by the server: `{ error: { code, message, details? } }` with its HTTP status. */
export class TandemApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { issues?: FieldIssue[]; [key: string]: unknown },
  ) {
    super(message);
    this.name = 'TandemApiError';
  }

  /** The issues of a VALIDATION_FAILED answer (empty otherwise). */
  get issues(): FieldIssue[] {
    return this.details?.issues ?? [];
  }
}

/** Builds the error of a non-2xx answer; a body that is not a Tandem error becomes HTTP_<status>. */
export function apiErrorOf(status: number, body: unknown): TandemApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null) {
      const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
      if (typeof code === 'string') {
        const detailObject =
          typeof details === 'object' && details !== null ? (details as TandemApiError['details']) : undefined;
        return new TandemApiError(status, code, typeof message === 'string' ? message : code, detailObject);
      }
    }
  }
  return new TandemApiError(status, `HTTP_${status}`, `the server answered ${status}`);
}
