import { isTandemError, type ErrorCode, type ErrorDetails, type FieldIssue } from '@tandem/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_STATUS } from './error-map.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetails };
}

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetails): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

interface SchemaIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Turns schema validation issues into field issues with dotted paths (`skills.0.proficiency`). */
function fieldIssues(validation: SchemaIssue[], context: string | undefined): FieldIssue[] {
  const prefix = context && context !== 'body' ? `${context === 'querystring' ? 'query' : context}.` : '';
  const issues: FieldIssue[] = [];
  for (const v of validation) {
    const base = (v.instancePath ?? '').split('/').filter(Boolean).join('.');
    const keys = v.keyword === 'unrecognized_keys' && Array.isArray(v.params?.keys) ? (v.params.keys as string[]) : [];
    if (keys.length) {
      for (const key of keys)
        issues.push({ path: `${prefix}${base ? `${base}.` : ''}${key}`, message: 'is not a known field' });
    } else {
      const message = v.message ?? 'is not valid';
      issues.push({ path: `${prefix}${base}` || (context === 'body' ? 'body' : prefix.slice(0, -1)), message });
    }
  }
  return issues;
}

/** Maps Fastify's own errors (bad JSON, too large, wrong content type) to the error table. */
function frameworkError(error: FastifyError): { code: ErrorCode; message: string } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'MALFORMED_REQUEST', message: `body: ${error.message}` };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE', message: 'body: is larger than the server accepts' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: `content-type: ${error.message}` };
    default:
      if (error.statusCode === 400 && /JSON/i.test(error.message))
        return { code: 'MALFORMED_REQUEST', message: `body: ${error.message}` };
      return undefined;
  }
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route, hook or error handler runs
 * (a broken percent-encoding, a path segment over `maxParamLength`), in the error shape like the rest.
 */
export function routerError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known: Record<string, string> = {
    FST_ERR_BAD_URL: 'path: is not a valid URL (a percent-encoding is broken)',
    FST_ERR_MAX_PARAM_LENGTH: 'path: a segment is longer than the server accepts',
  };
  const message = known[error.code];
  if (message) void reply.status(400).send(errorBody('MALFORMED_REQUEST', message));
  else {
    reply.log.error({ err: error }, 'unexpected router error');
    void reply.status(500).send(errorBody('INTERNAL', 'the server failed to handle this request; it has been logged'));
  }
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isTandemError(error)) {
      const status = HTTP_STATUS[error.code];
      if (error.code === 'ACCOUNT_LOCKED' && typeof error.details?.retryAfterSeconds === 'number')
        void reply.header('retry-after', String(error.details.retryAfterSeconds));
      return reply.status(status).send(errorBody(error.code, error.message, error.details));
    }
    if (error.validation) {
      const issues = fieldIssues(error.validation, error.validationContext);
      const first = issues[0];
      const message = first ? `${first.path}: ${first.message}` : 'request is not valid';
      return reply.status(400).send(errorBody('VALIDATION_FAILED', message, { issues }));
    }
    const known = frameworkError(error);
    if (known) return reply.status(HTTP_STATUS[known.code]).send(errorBody(known.code, known.message));
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody('MALFORMED_REQUEST', error.message));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply
      .status(500)
      .send(errorBody('INTERNAL', 'the server failed to handle this request; it has been logged'));
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody('ROUTE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`)),
  );
}
