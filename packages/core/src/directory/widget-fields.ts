import { z } from 'zod';
import { displayName, entityId } from './primitives.js';

/**
 * A website widget (manual, Widgets): the chat window a host page embeds with one script tag. The
 * workgroup is where its chats and callback requests are routed; routing contexts and attributes
 * are sent with every chat it starts. Everything here but `name` is public: the widget reads it
 * unauthenticated (`GET /api/v1/webchat/widgets/{id}`), so nothing secret belongs in it.
 */
export const widgetRoutingContext = z.strictObject({
  context: z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
  category: z
    .string()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .regex(/^[A-Za-z0-9_.-]+$/, 'a category holds letters, digits and _ . -'),
});

/** The same limits as the attributes a website sends at chat start (the server prefixes `WebTools_`). */
export const widgetAttributes = z
  .record(
    z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'attribute names hold letters, digits and _ . : -'),
    z.string().max(2000, 'must be at most 2000 characters'),
  )
  .refine((a) => Object.keys(a).length <= 50, 'must hold at most 50 attributes');

export const widgetFields = z.strictObject({
  /** What administrators call it. */
  name: displayName,
  workgroup: entityId,
  /** The heading of the chat window. */
  title: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  /** The first line the visitor reads, before anyone has written. */
  greeting: z.string().max(1000, 'must be at most 1000 characters').optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb')
    .optional(),
  /** Whether the window offers the callback request form. */
  callbacksEnabled: z.boolean().default(false),
  routingContexts: z.array(widgetRoutingContext).max(20, 'must hold at most 20 entries').optional(),
  attributes: widgetAttributes.optional(),
});

/** The id of a widget: it travels in the script tag, so a narrower alphabet than other ids. */
export const widgetId = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'may hold letters, digits, _ and - and must start with a letter or digit');
