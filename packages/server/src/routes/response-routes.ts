import {
  KIND_SPECS,
  TandemError,
  expandMacros,
  findByShortcut,
  isValidLocale,
  isValidTimeZone,
  personalResponseLibraries,
  resolveShortcut,
  responseLibraryFields,
  responseShortcut,
  searchResponses,
  usableResponseLibraries,
  type Clock,
  type IdSource,
  type ResponseItemType,
  type ResponseLibrary,
  type RightSet,
} from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/auth.js';
import type { DirectoryService } from '../services/directory-service.js';

const KIND = 'response-libraries';

/** A query number in plain decimal digits (not `0x10`, `1e3` or ` 5`). */
const decimal = z
  .string()
  .regex(/^\d{1,9}$/, 'must be a whole number in decimal digits')
  .transform(Number);
const limit = (max: number, fallback: number) =>
  decimal.pipe(z.int().min(1, 'must be at least 1').max(max, `must be at most ${max}`)).default(fallback);
/** `message,url`: the item types to answer (an SMS cannot take a file). */
const types = z
  .string()
  .max(50)
  .regex(/^(message|url|file)(,(message|url|file))*$/, 'must list message, url or file, comma-separated')
  .transform((list) => [...new Set(list.split(','))] as ResponseItemType[])
  .optional();

const searchQuery = z.strictObject({
  query: z.string().max(200, 'must be at most 200 characters').default(''),
  limit: limit(500, 50),
  types,
});
const shortcutQuery = z.strictObject({
  exact: z.enum(['true', 'false'], 'must be true or false').default('false'),
  limit: limit(500, 50),
  types,
});
const expandBody = z.strictObject({
  text: z.string().max(20000, 'must be at most 20000 characters'),
  /** The interaction's attributes; `[Attribute:Name]` takes its value from here. */
  interactionAttributes: z
    .record(
      z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
      z.string().max(4000, 'must be at most 4000 characters'),
    )
    .refine((attributes) => Object.keys(attributes).length <= 500, 'must hold at most 500 attributes')
    .optional(),
  /** `html` escapes substituted values and inserts URL responses as links. */
  format: z.enum(['text', 'html']).default('text'),
  locale: z.string().max(35).refine(isValidLocale, 'must be a BCP 47 locale such as en-US').optional(),
  timeZone: z.string().max(64).refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Paris').optional(),
});
const libraryParams = z.strictObject({ id: KIND_SPECS[KIND].id });
const personalFields = responseLibraryFields.pick({ displayName: true, items: true });
const listQuery = z.strictObject({
  limit: limit(1000, 100),
  offset: decimal.pipe(z.int().min(0)).default(0),
});
const ifMatch = z.object({
  'if-match': z
    .string()
    .regex(/^"?\d+"?$/, 'must be a revision number')
    .optional(),
});

const tags = ['responses'];

/**
 * Response management for the agent: search and shortcuts over the libraries the caller may use
 * (its own personal ones, then the system ones it holds the view right on: see
 * `usableResponseLibraries`), macro expansion, and the caller's own personal libraries. System
 * libraries are configured under `/api/v1/config/response-libraries`.
 */
export function responseRoutes(deps: {
  directory: DirectoryService;
  clock: Clock;
  ids: IdSource;
}): FastifyPluginAsyncZod {
  const { directory, clock, ids } = deps;
  const usable = (userId: string, rights: RightSet) => usableResponseLibraries(directory.directory, userId, rights);

  const ownLibrary = (userId: string, id: string) => ownedBy(directory.directory.get(KIND, id), userId, id);

  return async (app) => {
    app.get(
      '/api/v1/responses',
      {
        schema: {
          tags,
          summary: 'Search the responses this user may use (empty query: all)',
          querystring: searchQuery,
        },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        const { query, limit, types } = request.query;
        const { hits, total } = searchResponses(usable(userId, rights), query, { limit, types });
        return { items: hits, total };
      },
    );

    app.get(
      '/api/v1/responses/shortcuts/:shortcut',
      {
        schema: {
          tags,
          summary: 'The responses whose shortcut is, or starts with, the one typed (Ctrl+Space)',
          params: z.strictObject({ shortcut: responseShortcut }),
          querystring: shortcutQuery,
        },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        const { exact, limit, types } = request.query;
        const hits = findByShortcut(usable(userId, rights), request.params.shortcut, {
          exact: exact === 'true',
          limit,
          types,
        });
        return { items: hits };
      },
    );

    app.post(
      '/api/v1/responses/expand',
      { schema: { tags, summary: 'Replace the macros of a text for this user', body: expandBody } },
      async (request) => {
        const { userId, rights } = authOf(request);
        const { text, interactionAttributes, format, locale, timeZone } = request.body;
        const libraries = usable(userId, rights);
        const user = directory.directory.get('users', userId);
        return expandMacros(
          text,
          {
            user: { id: userId, displayName: user?.displayName ?? userId },
            attributes: interactionAttributes,
            now: clock.now(),
            locale,
            timeZone,
            format,
          },
          (shortcut) => resolveShortcut(libraries, shortcut),
        );
      },
    );

    const base = '/api/v1/responses/personal-libraries';

    app.get(
      base,
      { schema: { tags, summary: "This user's personal libraries", querystring: listQuery } },
      async (request) => {
        const all = personalResponseLibraries(directory.directory, authOf(request).userId);
        const { limit, offset } = request.query;
        return { items: all.slice(offset, offset + limit), total: all.length };
      },
    );

    app.post(
      base,
      { schema: { tags, summary: 'Create a personal library (the server names it)', body: personalFields } },
      async (request, reply) => {
        const { userId } = authOf(request);
        const fields = { ...request.body, scope: 'personal', owner: userId };
        const entity = await directory.create(KIND, ids.newId('responses'), fields);
        return reply.status(201).header('etag', `"${entity.revision}"`).send(entity);
      },
    );

    app.get(
      `${base}/:id`,
      { schema: { tags, summary: 'Read a personal library of this user', params: libraryParams } },
      async (request, reply) => {
        const library = ownLibrary(authOf(request).userId, request.params.id);
        return reply.header('etag', `"${library.revision}"`).send(library);
      },
    );

    app.put(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'Replace a personal library of this user: every item saved in one commit',
          params: libraryParams,
          body: personalFields,
          headers: ifMatch,
        },
      },
      async (request, reply) => {
        const { userId } = authOf(request);
        const { id } = request.params;
        ownLibrary(userId, id);
        const header = request.headers['if-match'];
        const entity = await directory.update(
          KIND,
          id,
          { ...request.body, scope: 'personal', owner: userId },
          {
            expectedRevision: header === undefined ? undefined : Number(header.replace(/"/g, '')),
            // Checked again under the write lock: an administrator may have moved it meanwhile.
            guard: (_change, before) => void ownedBy(before.get(KIND, id), userId, id),
          },
        );
        return reply.header('etag', `"${entity.revision}"`).send(entity);
      },
    );

    app.delete(
      `${base}/:id`,
      { schema: { tags, summary: 'Delete a personal library of this user', params: libraryParams } },
      async (request, reply) => {
        ownLibrary(authOf(request).userId, request.params.id);
        await directory.remove(KIND, request.params.id);
        return reply.status(204).send();
      },
    );
  };
}

/** The library if it is the user's own personal one, else NOT_FOUND: another's is not even said to exist. */
function ownedBy(library: ResponseLibrary | undefined, userId: string, id: string): ResponseLibrary {
  if (!library || library.scope !== 'personal' || library.owner !== userId)
    throw new TandemError('NOT_FOUND', `no personal response library '${id}' of yours`);
  return library;
}
