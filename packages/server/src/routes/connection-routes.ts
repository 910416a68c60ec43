import { stationKey } from '@tandem/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, authOf } from '../http/auth.js';
import type { ActiveSession, SessionService } from '../services/session-service.js';
import type { DirectoryService } from '../services/directory-service.js';

export const stationSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('workstation'), id: z.string().min(1).max(128) }),
  z.strictObject({
    type: z.literal('remote'),
    number: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[+0-9 ()./-]+$/, 'must be a telephone number'),
    persistent: z.boolean().optional(),
  }),
]);

const logonBody = z.strictObject({
  userId: z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
  password: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
  station: stationSchema.optional(),
  /** Take the station over from the user who holds it. */
  force: z.boolean().optional(),
});

export function connectionRoutes(deps: {
  sessions: SessionService;
  directory: DirectoryService;
  secureCookies: boolean;
}): FastifyPluginAsyncZod {
  const { sessions, directory } = deps;
  const describe = (active: ActiveSession) => {
    const userId = active.session.userId;
    return {
      sessionId: active.session.id,
      userId,
      displayName: directory.directory.get('users', userId)?.displayName ?? userId,
      station: active.session.station,
      stationKey: stationKey(active.session.station) ?? null,
      licences: sessions.licencesOf(userId),
      rights: sessions.rightsOf(userId).rights,
      passwordChangeRequired: active.passwordChangeRequired,
      createdAt: active.session.createdAt,
    };
  };
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: deps.secureCookies,
    });

  return async (app) => {
    app.post(
      '/api/v1/connection',
      { config: { auth: 'none' }, schema: { tags: ['connection'], summary: 'Log on', body: logonBody } },
      async (request, reply) => {
        const { active, token } = await sessions.logon(request.body);
        setCookie(reply, token);
        return reply.status(201).send({ ...describe(active), token, csrfToken: active.session.csrfToken });
      },
    );
    app.get(
      '/api/v1/connection',
      { config: { auth: 'session-any' }, schema: { tags: ['connection'], summary: 'This session' } },
      async (request) => ({
        ...describe(authOf(request).active),
        csrfToken: authOf(request).active.session.csrfToken,
      }),
    );
    app.delete(
      '/api/v1/connection',
      { config: { auth: 'session-any' }, schema: { tags: ['connection'], summary: 'Log off' } },
      async (request, reply) => {
        await sessions.end(authOf(request).active.session.id, 'logoff');
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );
    app.put(
      '/api/v1/connection/station',
      {
        schema: {
          tags: ['connection'],
          summary: 'Change station (one station per user)',
          body: z.strictObject({ station: stationSchema, force: z.boolean().optional() }),
        },
      },
      async (request) => {
        const active = authOf(request).active;
        await sessions.setStation(active, request.body.station, request.body.force === true);
        return describe(active);
      },
    );
    app.put(
      '/api/v1/connection/password',
      {
        config: { auth: 'session-any' },
        schema: {
          tags: ['connection'],
          summary: 'Change own password',
          body: z.strictObject({ oldPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
        },
      },
      async (request, reply) => {
        await sessions.changePassword(authOf(request).active, request.body.oldPassword, request.body.newPassword);
        return reply.status(204).send();
      },
    );
  };
}
