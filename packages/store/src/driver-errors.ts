import { DrizzleQueryError } from 'drizzle-orm';

/**
 * Rethrows the database driver's own error in place of drizzle's wrapper. The wrapper's message
 * lists every bind parameter (password hashes, tokens' hashes) and would carry them into logs; the
 * driver's error says what went wrong and carries PostgreSQL's SQLSTATE as `code` (e.g. `23505`
 * for a unique violation) on both engines.
 */
export function rethrowDriverError(error: unknown): never {
  if (error instanceof DrizzleQueryError && error.cause instanceof Error) throw error.cause;
  throw error;
}

/** The port with every method's rejection passed through {@link rethrowDriverError}. */
export function withDriverErrors<T extends object>(port: T): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): Promise<unknown> =>
        Promise.resolve(Reflect.apply(value, target, args) as unknown).catch(rethrowDriverError);
    },
  });
}
