import { TandemError } from '@tandem/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isPlainAddress, MAX_SUBJECT_CHARACTERS, subjectLength } from '../channels/email/email-limits.js';
import type { EmailService } from '../channels/email/email-service.js';
import { authOf } from '../http/auth.js';
import type { InteractionService } from '../services/interaction-service.js';

const params = z.strictObject({ id: z.string().regex(/^\d{10}$/, 'must be a ten-digit interaction id') });
const fileParams = params.extend({
  attachmentId: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9._-]+$/, 'must be an attachment id from the email'),
});

/** `ann@example.com` or `{address, name}`. */
const address = z
  .union([z.string(), z.strictObject({ address: z.string(), name: z.string().max(200).optional() })])
  .transform((value) =>
    typeof value === 'string'
      ? { address: value.trim(), name: '' }
      : { address: value.address.trim(), name: value.name ?? '' },
  )
  .refine((value) => value.address.length <= 320 && isPlainAddress(value.address), 'is not an email address');
const addresses = z.array(address).max(100, 'must hold at most 100 addresses');
const subject = z
  .string()
  .max(MAX_SUBJECT_CHARACTERS * 2)
  .refine((s) => subjectLength(s) <= MAX_SUBJECT_CHARACTERS, `must be at most ${MAX_SUBJECT_CHARACTERS} characters`)
  .refine((s) => !/[\r\n]/.test(s), 'must be one line');
const body = (max: number) => z.string().max(max, `must be at most ${max} characters`);

const replyBody = z.strictObject({
  mode: z.enum(['reply', 'reply-all', 'forward']),
  to: addresses.optional(),
  cc: addresses.optional(),
  text: body(200_000).optional(),
  html: body(400_000).optional(),
});

const draftBody = z.strictObject({
  to: addresses.optional(),
  cc: addresses.optional(),
  bcc: addresses.optional(),
  subject: subject.optional(),
  text: body(200_000).optional(),
  /** '' sends plain text only. */
  html: body(400_000).optional(),
  attachmentIds: z.array(fileParams.shape.attachmentId).max(50).optional(),
});

const MEDIA_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+$/;
const uploadQuery = z.strictObject({
  filename: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    // eslint-disable-next-line no-control-regex -- control characters are what it refuses
    .regex(/^[^\u0000-\u001f\u007f/\\]+$/, 'must be a file name without a path or control characters')
    .default('attachment'),
  type: z
    .string()
    .max(200)
    .regex(MEDIA_TYPE, 'must be a media type (type/subtype)')
    .default('application/octet-stream'),
});
const OCTET_STREAM = 'application/octet-stream';

/**
 * An uploaded file's bytes, kept in a private field: the text guard walks every enumerable property
 * of a body, and over a Buffer that is one entry per byte.
 */
class RawUpload {
  readonly #data: Buffer;
  constructor(data: Buffer) {
    this.#data = data;
  }
  get data(): Buffer {
    return this.#data;
  }
}

export interface EmailRoutesDeps {
  email: EmailService;
  interactions: InteractionService;
  /** Largest upload, in bytes; larger ones are refused with 413 before they are read whole. */
  maxAttachmentBytes: number;
}

/** The agent's side of email: reading a received message, replies with drafts and files, sending. */
export function emailRoutes(deps: EmailRoutesDeps): FastifyPluginAsyncZod {
  const { email, interactions } = deps;
  const tags = ['email'];
  return async (app) => {
    app.get(
      '/api/v1/interactions/:id/email',
      {
        schema: {
          tags,
          summary: 'The received email of an interaction: headers, sanitized HTML, text, attachments',
          params,
          querystring: z.strictObject({ remoteImages: z.enum(['true', 'false']).optional() }),
        },
      },
      async (request) =>
        email.message(request.params.id, authOf(request), { allowRemoteImages: request.query.remoteImages === 'true' }),
    );

    app.get(
      '/api/v1/interactions/:id/email/attachments/:attachmentId',
      { schema: { tags, summary: 'Download an attachment of the email or of the draft', params: fileParams } },
      async (request, reply) => {
        const { file, data } = await email.file(request.params.id, request.params.attachmentId, authOf(request));
        return sendFile(reply, file, data);
      },
    );

    app.post(
      '/api/v1/interactions/:id/email/reply',
      {
        schema: {
          tags,
          summary: 'Reply, reply to all or forward: a child interaction with a draft',
          params,
          body: replyBody,
        },
      },
      async (request, reply) => {
        const user = authOf(request);
        const { interaction, draft } = await email.reply(request.params.id, user, request.body);
        return reply.status(201).send({ interaction: interactions.view(interaction, user), draft });
      },
    );

    app.get(
      '/api/v1/interactions/:id/email/draft',
      { schema: { tags, summary: 'The draft of a reply interaction', params } },
      async (request) => email.draft(request.params.id, authOf(request)),
    );

    app.put(
      '/api/v1/interactions/:id/email/draft',
      { schema: { tags, summary: 'Save the draft (fields left out keep their value)', params, body: draftBody } },
      async (request) => email.saveDraft(request.params.id, authOf(request), request.body),
    );

    app.post(
      '/api/v1/interactions/:id/email/send',
      {
        schema: {
          tags,
          summary: 'Send the draft through the relay, then disconnect the reply',
          params,
          body: z
            .strictObject({
              /** Send again after an attempt that was interrupted while the relay had the message. */
              resend: z.boolean().optional(),
            })
            .optional(),
        },
      },
      async (request) => {
        const user = authOf(request);
        const resend = request.body?.resend === true;
        const { interaction, sent } = await email.send(request.params.id, user, { resend });
        return { interaction: interactions.view(interaction, user), sent };
      },
    );

    // Uploads take the file as the raw body (application/octet-stream, its own type in `?type=`), in a
    // scope of their own whose size limit is the file's. JSON and text stay parsed as everywhere, so
    // a malformed JSON body is still refused as one; sent that way, a file would not arrive byte for byte.
    await app.register(async (scope) => {
      const raw = scope.withTypeProvider<ZodTypeProvider>();
      raw.addContentTypeParser(
        OCTET_STREAM,
        { parseAs: 'buffer', bodyLimit: deps.maxAttachmentBytes },
        (_r, data, done) => done(null, new RawUpload(data as Buffer)),
      );
      raw.post(
        '/api/v1/interactions/:id/email/attachments',
        {
          bodyLimit: deps.maxAttachmentBytes,
          schema: {
            tags,
            summary: 'Attach a file to the draft: the file is the body (application/octet-stream)',
            params,
            querystring: uploadQuery,
          },
        },
        async (request, reply) => {
          if (request.body !== undefined && !(request.body instanceof RawUpload))
            throw new TandemError('UNSUPPORTED_MEDIA_TYPE', `content-type: send the file as ${OCTET_STREAM}`);
          const file = await email.addFile(request.params.id, authOf(request), {
            filename: request.query.filename,
            contentType: request.query.type,
            data: request.body instanceof RawUpload ? request.body.data : new Uint8Array(0),
          });
          return reply.status(201).send(file);
        },
      );
    });
  };
}

function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function sendFile(reply: FastifyReply, file: { filename: string; contentType: string }, data: Uint8Array) {
  // A sender chose this type: served only as a download, never rendered or sniffed in Tandem's origin.
  const type = MEDIA_TYPE.test(mediaTypeOf(file.contentType)) ? file.contentType : 'application/octet-stream';
  const fallback = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', type.replace(/[\r\n]/g, ''))
    .header(
      'content-disposition',
      `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRFC5987(file.filename)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
}

function encodeRFC5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
