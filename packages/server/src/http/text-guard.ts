import { TandemError } from '@tandem/core';
import type { FastifyInstance } from 'fastify';

/**
 * NUL, which PostgreSQL text and jsonb cannot hold, and UTF-16 surrogate halves without their
 * partner, which no UTF-8 can encode. Letting either through to the store answered 500.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The dotted path of the first string (or object key) in `value` that the store cannot hold, or
 * undefined. Iterative, so that a body nested a hundred thousand deep cannot overflow the stack.
 */
export function findUnstorableText(value: unknown, prefix = ''): string | undefined {
  const stack: [unknown, string][] = [[value, prefix]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (UNSTORABLE.test(item)) return path;
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        const childPath = path ? `${path}.${key}` : key;
        if (UNSTORABLE.test(key)) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

/** Refuses unstorable text anywhere in a request's body, query or path, naming where, before validation. */
export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const path =
      findUnstorableText(request.body) ??
      findUnstorableText(request.query, 'query') ??
      findUnstorableText(request.params, 'params');
    if (path === undefined) return;
    const where = path || 'body';
    const message = 'must not hold NUL characters or unpaired UTF-16 surrogates';
    throw new TandemError('VALIDATION_FAILED', `${where}: ${message}`, { issues: [{ path: where, message }] });
  });
}
