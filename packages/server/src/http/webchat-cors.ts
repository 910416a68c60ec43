import type { FastifyInstance } from 'fastify';

/** The customer side of web chat: chats, callbacks and widgets' public configuration. */
const CUSTOMER_PREFIX = '/api/v1/webchat/';

const PREFLIGHT_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE',
  'access-control-allow-headers': 'Content-Type, Authorization, X-Filename',
  'access-control-max-age': '600',
};

/**
 * Lets the widget call the customer API from any host page. Only `/api/v1/webchat/*` answers
 * cross-origin requests: those routes use no cookie (a chat is reached with its own token in
 * `Authorization` or `?token=`), so allowing every origin gives a page nothing it could not do
 * itself. The agent API stays same-origin. Call before the routes are registered.
 */
export function installWebChatCors(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith(CUSTOMER_PREFIX)) reply.header('access-control-allow-origin', '*');
    return payload;
  });
  app.options(`${CUSTOMER_PREFIX}*`, { config: { auth: 'none' }, schema: { hide: true } }, async (_request, reply) =>
    reply.status(204).headers(PREFLIGHT_HEADERS).send(),
  );
}
