import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { errorBody } from './error-handler.js';

export interface StaticWidgetOptions {
  /** Where the built widget is. Default: `packages/widget/dist`. */
  widgetDist?: string;
  /** The demo page. Default: `demo-page.html` next to this file. */
  demoPage?: string;
}

const DEFAULT_DIST = fileURLToPath(new URL('../../../widget/dist/', import.meta.url));
const DEFAULT_DEMO = fileURLToPath(new URL('./demo-page.html', import.meta.url));
/** The files of the widget's build a page may load: the script and its source map. */
const WIDGET_FILE = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.(js|map)$/;
const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  map: 'application/json; charset=utf-8',
};

async function readIfThere(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Serves the website widget at `/widget/tandem-widget.js` (any host page loads it with one script
 * tag, so it may be loaded cross-origin) and the demo page at `/demo`, a small company page that
 * embeds the widget configured as `support`: open it in one tab and the agent client in another.
 * Files are read on each request (the widget is small and not on a hot path), so a rebuild shows
 * without a restart.
 */
export function staticWidget(options: StaticWidgetOptions = {}): FastifyPluginAsync {
  const dist = options.widgetDist ?? DEFAULT_DIST;
  const demoPage = options.demoPage ?? DEFAULT_DEMO;
  return async (app) => {
    app.get('/widget/:file', { config: { auth: 'none' }, schema: { hide: true } }, async (request, reply) => {
      const { file } = request.params as { file: string };
      const body = WIDGET_FILE.test(file) ? await readIfThere(`${dist.replace(/\/?$/, '/')}${file}`) : undefined;
      if (!body) {
        const hint = file === 'tandem-widget.js' ? ': the widget is not built, run `npm run build`' : '';
        return reply.status(404).send(errorBody('NOT_FOUND', `no widget file '${file}'${hint}`));
      }
      const extension = file.slice(file.lastIndexOf('.') + 1);
      return reply
        .header('content-type', TYPES[extension] ?? 'application/octet-stream')
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    });

    app.get('/demo', { config: { auth: 'none' }, schema: { hide: true } }, async (_request, reply) => {
      const page = await readIfThere(demoPage);
      if (!page) return reply.status(404).send(errorBody('NOT_FOUND', 'the demo page is missing'));
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
    });
  };
}
