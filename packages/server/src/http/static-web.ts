import { readFile, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyError, FastifyPluginAsync, FastifyReply } from 'fastify';
import { routerError } from './error-handler.js';

export interface StaticWebOptions {
  /** Where the built agent client is. Default: `packages/web/dist`. */
  webDist?: string;
}

const DEFAULT_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths other routes own: never answered with the client, even when no route matches them. */
const NOT_OURS = [/^\/api(\/|$)/, /^\/metrics(\/|$)/, /^\/widget(\/|$)/, /^\/demo(\/|$)/];

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  txt: 'text/plain; charset=utf-8',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
};

/** Vite names these after their content: they never change, so browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The client's page may load only its own scripts, talk only to its own origin, and frame only
 * what it writes itself (the sandboxed email viewer). Inline styles are allowed (React style props).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self' ws: wss:",
  "frame-src 'self' blob: data: about:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tandem: client not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1>The Tandem web client is not built</h1>
<p>Run <code>npm run build</code> (or start with <code>npm start</code>, which builds it), then reload this page.</p>
<p>The API is up: <a href="/api/v1/health">/api/v1/health</a>.</p>
</body></html>`;

async function fileIfThere(path: string): Promise<Buffer | undefined> {
  try {
    if (!(await stat(path)).isFile()) return undefined;
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw error;
  }
}

/** The request path inside the dist folder, or undefined when it tries to leave it or is not decodable. */
export function distPathOf(url: string): string | undefined {
  const pathname = url.split('?')[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const normal = posix.normalize(decoded);
  if (!normal.startsWith('/') || normal.split('/').includes('..')) return undefined;
  return normal;
}

function sendFile(reply: FastifyReply, path: string, body: Buffer): FastifyReply {
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const type = TYPES[extension] ?? 'application/octet-stream';
  void reply.header('content-type', type).header('x-content-type-options', 'nosniff');
  if (path.startsWith('/assets/')) void reply.header('cache-control', IMMUTABLE);
  else void reply.header('cache-control', 'no-cache');
  if (extension === 'html') void reply.header('content-security-policy', CSP);
  return reply.send(body);
}

/**
 * Serves the built agent client (`packages/web/dist`) at `/`: files as they are (hashed assets
 * cached for a year, the rest revalidated), and `index.html` for any other GET without a file
 * extension, so that reloading a client route works. API, metrics, widget and demo paths are left
 * to their own routes (unknown ones get the JSON 404). Without a build, a page says how to make one.
 * Files are read per request, so a rebuild shows without a restart.
 */
export function staticWeb(options: StaticWebOptions = {}): FastifyPluginAsync {
  const dist = (options.webDist ?? DEFAULT_DIST).replace(/\/?$/, '');
  return async (app) => {
    const maxParamLength = app.initialConfig.routerOptions?.maxParamLength ?? 100;
    app.get('/*', { config: { auth: 'none' }, schema: { hide: true } }, async (request, reply) => {
      const path = distPathOf(request.url);
      if (path === undefined || NOT_OURS.some((re) => re.test(path))) {
        // Without this catch-all the router refuses an over-long segment with a 400: keep that answer.
        const raw = request.url.split('?')[0] ?? '';
        if (raw.split('/').some((segment) => segment.length > maxParamLength))
          return routerError({ code: 'FST_ERR_MAX_PARAM_LENGTH' } as FastifyError, request, reply);
        return reply.callNotFound();
      }
      const file = path === '/' ? undefined : await fileIfThere(`${dist}${path}`);
      if (file) return sendFile(reply, path, file);
      // A missing asset or file (`/assets/old.js`, `/favicon.ico`) is a 404, not the page.
      if (posix.extname(path) !== '') return reply.callNotFound();
      const index = await fileIfThere(`${dist}/index.html`);
      if (!index)
        return reply
          .status(503)
          .header('content-type', 'text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(NOT_BUILT);
      return sendFile(reply, '/index.html', index);
    });
  };
}
