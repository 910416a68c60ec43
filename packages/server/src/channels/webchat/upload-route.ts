import { TandemError, fieldError } from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chatTokenOf, interactionIdParam, tokenQuery } from './chat-schemas.js';
import { MAX_UPLOAD_BYTES, type FileTransfers } from './file-transfer.js';
import type { WebChatService } from './webchat-service.js';

/**
 * The bytes of an upload, in a private field. The server's text guard walks every request body key
 * by key looking for text the store cannot hold; given a Buffer it would walk every byte.
 */
export class RawUpload {
  readonly #data: Buffer;
  constructor(data: Buffer) {
    this.#data = data;
  }
  get data(): Buffer {
    return this.#data;
  }
}

const CONTENT_TYPE = /^[A-Za-z0-9!#$&^_.+-]{1,127}\/[A-Za-z0-9!#$&^_.+-]{1,127}$/;
// eslint-disable-next-line no-control-regex -- control characters are what a filename must not hold
const BAD_FILENAME = /[\u0000-\u001f\u007f/\\]/;

function filenameOf(header: string | string[] | undefined): string {
  if (typeof header !== 'string' || header.length === 0)
    throw fieldError('x-filename', "is required: the file's name, percent-encoded if it is not ASCII");
  let name: string;
  try {
    name = decodeURIComponent(header).trim();
  } catch {
    throw fieldError('x-filename', 'is not valid percent-encoding');
  }
  if (name.length === 0 || name.length > 255) throw fieldError('x-filename', 'must be 1 to 255 characters');
  if (BAD_FILENAME.test(name) || name === '.' || name === '..')
    throw fieldError('x-filename', 'must be a plain name, without paths or control characters');
  return name;
}

function contentTypeOf(header: string | undefined): string {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!CONTENT_TYPE.test(type))
    throw new TandemError(
      'UNSUPPORTED_MEDIA_TYPE',
      "content-type: send the file's media type (image/png, application/pdf...)",
    );
  return type;
}

/**
 * `POST /api/v1/webchat/chats/:chatId/files?invite=<id>`: the visitor sends one file on an open
 * invitation, as the raw body, with its media type in `Content-Type` and its name in `X-Filename`.
 * Its own plugin, so that taking any body as bytes does not change how other routes parse theirs.
 * A `Content-Length` over the invitation's limit is refused before the body is read.
 */
export function uploadRoute(deps: { chat: WebChatService; files: FileTransfers }): FastifyPluginAsyncZod {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) =>
      done(null, new RawUpload(body as Buffer)),
    );
    app.post(
      '/api/v1/webchat/chats/:chatId/files',
      {
        config: { auth: 'none' },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags: ['web chat (customer)'],
          summary: 'Send a file on an open invitation (raw body; Content-Type; X-Filename)',
          params: z.strictObject({ chatId: interactionIdParam }),
          querystring: z.strictObject({ ...tokenQuery, invite: z.string().min(1).max(200) }),
          security: [],
        },
        preParsing: async (request, _reply, payload) => {
          const { chatId } = request.params as { chatId?: string };
          const { invite } = request.query as { invite?: string };
          const declared = Number(request.headers['content-length'] ?? NaN);
          const limit = chatId && invite ? deps.files.maxBytesOf(chatId, invite) : undefined;
          if (limit !== undefined && declared > limit)
            throw new TandemError('PAYLOAD_TOO_LARGE', `body: the file is larger than ${limit / (1024 * 1024)} MB`);
          return payload;
        },
      },
      async (request, reply) => {
        const ix = await deps.chat.authenticate(request.params.chatId, chatTokenOf(request));
        const filename = filenameOf(request.headers['x-filename']);
        const contentType = contentTypeOf(request.headers['content-type']);
        const data = request.body instanceof RawUpload ? request.body.data : Buffer.alloc(0);
        const received = await deps.files.receive(ix.id, request.query.invite, { filename, contentType, data });
        return reply.status(201).send(received);
      },
    );
  };
}
