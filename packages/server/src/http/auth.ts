import { TandemError, type RightSet } from '@tandem/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ActiveSession, SessionService } from '../services/session-service.js';

export const SESSION_COOKIE = 'tandem_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The API docs page and its assets (registered by @fastify/swagger-ui) are public, like the OpenAPI document. */
const DOCS_PREFIX = '/api/v1/docs';

/** How a route is guarded: `none` (health, logon), `session`, or `session-any` (allowed even before a forced password change). */
export type AuthMode = 'none' | 'session' | 'session-any';

export interface RequestAuth {
  active: ActiveSession;
  userId: string;
  rights: RightSet;
  /** True when the session came from the cookie (a browser): mutations then need the CSRF header. */
  viaCookie: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    auth?: AuthMode;
  }
}

/** The bearer token of a request, from `Authorization` or the session cookie. */
export function tokenOf(request: FastifyRequest): { token: string; viaCookie: boolean } | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), viaCookie: false };
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) return { token: cookie, viaCookie: true };
  const query = request.query as Record<string, unknown> | undefined;
  if (typeof query?.token === 'string' && request.url.startsWith('/api/v1/messaging'))
    return { token: query.token, viaCookie: false };
  return undefined;
}

/** Resolves the session of a request, or undefined; no rights or CSRF checks. */
export async function resolveAuth(sessions: SessionService, request: FastifyRequest): Promise<RequestAuth | undefined> {
  const found = tokenOf(request);
  if (!found) return undefined;
  const active = await sessions.authenticate(found.token);
  if (!active) return undefined;
  const userId = active.session.userId;
  return { active, userId, rights: sessions.rightsOf(userId), viaCookie: found.viaCookie };
}

/**
 * Every route is guarded unless its config says `auth: 'none'`. Browsers (cookie sessions) must
 * echo the CSRF token on every mutation; a session whose password must change may only change it.
 */
export function installAuth(app: FastifyInstance, sessions: SessionService): void {
  app.decorateRequest('auth', null);
  // onRequest: a request without a session is refused before its body is parsed or validated.
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    if (url === undefined || url.startsWith(DOCS_PREFIX)) return;
    const mode: AuthMode = request.routeOptions.config.auth ?? 'session';
    if (mode === 'none') return;
    const auth = await resolveAuth(sessions, request);
    if (!auth) throw new TandemError('NOT_AUTHENTICATED', 'log on first: no valid session token or cookie was sent');
    if (
      auth.viaCookie &&
      !SAFE_METHODS.has(request.method) &&
      request.headers['x-csrf-token'] !== auth.active.session.csrfToken
    )
      throw new TandemError('CSRF_TOKEN_INVALID', 'x-csrf-token: must be the csrfToken of this session');
    if (mode === 'session' && auth.active.passwordChangeRequired)
      throw new TandemError(
        'PASSWORD_CHANGE_REQUIRED',
        'the password has expired or was reset: change it with PUT /api/v1/connection/password',
      );
    request.auth = auth;
  });
}

/** The request's session; routes guarded by `installAuth` always have one. */
export function authOf(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new TandemError('NOT_AUTHENTICATED', 'log on first');
  return request.auth;
}
