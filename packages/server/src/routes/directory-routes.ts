import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DirectoryService } from '../services/directory-service.js';

const searchQuery = z.strictObject({
  /** Case-insensitive; matches the id, the display name and (users) the e-mail address and phone numbers. */
  q: z.string().max(200, 'must be at most 200 characters').optional(),
  limit: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a whole number in decimal digits')
    .transform(Number)
    .pipe(z.int().min(1).max(10000))
    .default(1000),
});

const matches = (q: string | undefined, ...texts: (string | undefined)[]): boolean => {
  if (!q) return true;
  const needle = q.toLowerCase();
  return texts.some((t) => t !== undefined && t.toLowerCase().includes(needle));
};

/**
 * The company directory, readable by every logged-on user (the manual's directories show all users
 * and workgroups to everyone): `GET /api/v1/directory/users` and `GET /api/v1/directory/workgroups`.
 * Only public facts: names, e-mail, phones and memberships; never rights, licences or configuration.
 */
export function directoryRoutes(deps: { directory: DirectoryService }): FastifyPluginAsyncZod {
  const { directory } = deps;
  return async (app) => {
    app.get(
      '/api/v1/directory/users',
      { schema: { tags: ['directory'], summary: 'The company directory: users', querystring: searchQuery } },
      async (request) => {
        const { q, limit } = request.query;
        const all = directory.directory
          .list('users')
          .filter((u) => u.enabled)
          .map((u) => ({
            id: u.id,
            displayName: u.displayName,
            ...(u.businessEmail === undefined ? {} : { businessEmail: u.businessEmail }),
            phones: u.phones,
            workgroups: u.workgroups,
          }))
          .filter((u) => matches(q, u.id, u.displayName, u.businessEmail, ...Object.values(u.phones)));
        return { items: all.slice(0, limit), total: all.length };
      },
    );

    app.get(
      '/api/v1/directory/workgroups',
      { schema: { tags: ['directory'], summary: 'The company directory: workgroups', querystring: searchQuery } },
      async (request) => {
        const { q, limit } = request.query;
        const all = directory.directory
          .list('workgroups')
          .map((w) => ({
            id: w.id,
            displayName: w.displayName,
            ...(w.description === undefined ? {} : { description: w.description }),
            hasQueue: w.hasQueue,
            active: w.active,
            supervisors: w.supervisors,
          }))
          .filter((w) => matches(q, w.id, w.displayName));
        return { items: all.slice(0, limit), total: all.length };
      },
    );
  };
}
