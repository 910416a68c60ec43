import { TandemError, widgetId, type Widget } from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DirectoryService } from '../services/directory-service.js';

/** What a host page may learn of a widget: what the script needs to draw itself and start chats. */
export interface PublicWidget {
  id: string;
  title: string;
  greeting?: string;
  color?: string;
  callbacksEnabled: boolean;
  /** The workgroup chats and callback requests go to, and its display name. */
  workgroup: string;
  workgroupName: string;
  /** Sent by the widget with every chat it starts. */
  routingContexts?: { context: string; category: string }[];
  attributes?: Record<string, string>;
}

export function publicWidget(widget: Widget, workgroupName: string): PublicWidget {
  const { id, title, greeting, color, callbacksEnabled, workgroup, routingContexts, attributes } = widget;
  return {
    id,
    title,
    ...(greeting === undefined ? {} : { greeting }),
    ...(color === undefined ? {} : { color }),
    callbacksEnabled,
    workgroup,
    workgroupName,
    ...(routingContexts === undefined ? {} : { routingContexts }),
    ...(attributes === undefined ? {} : { attributes }),
  };
}

/**
 * `GET /api/v1/webchat/widgets/{id}`: the public part of a widget's configuration, read without a
 * session by the widget script on any host page (CORS: see `installWebChatCors`). The widgets
 * themselves are configured under `/api/v1/config/widgets` with the widgets administrator right.
 */
export function widgetRoutes(deps: { directory: DirectoryService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/webchat/widgets/:id',
      {
        config: { auth: 'none' },
        schema: {
          tags: ['web chat (customer)'],
          summary: "A widget's public configuration: title, greeting, colour, workgroup, callbacks",
          params: z.strictObject({ id: widgetId }),
          security: [],
        },
      },
      async (request, reply) => {
        const directory = deps.directory.directory;
        const widget = directory.get('widgets', request.params.id);
        if (!widget) throw new TandemError('NOT_FOUND', `no widget '${request.params.id}'`);
        const workgroupName = directory.get('workgroups', widget.workgroup)?.displayName ?? widget.workgroup;
        // Short cache: an administrator's change reaches visitors within a minute.
        return reply.header('cache-control', 'public, max-age=60').send(publicWidget(widget, workgroupName));
      },
    );
  };
}
