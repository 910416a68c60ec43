import type { RoutingContext } from '@tandem/client';

/** What the host page writes in `window.tandemWidget` before the script loads. */
export interface WidgetConfig {
  /** The Tandem server, `https://host[:port]`, without a trailing slash. */
  server: string;
  widgetId: string;
  displayName?: string;
  email?: string;
  /** Extra chat attributes (the server stores them as `WebTools_<name>`). */
  attributes?: Record<string, string>;
  /** Routing contexts sent at chat start, after the widget's own. */
  routingContexts?: RoutingContext[];
  /** Open the chat window as soon as the page loads. */
  open?: boolean;
}

export type ConfigResult = { ok: true; config: WidgetConfig } | { ok: false; problems: string[] };

const WIDGET_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.:-]{1,100}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function serverOf(value: unknown, problems: string[]): string {
  if (typeof value !== 'string') {
    problems.push('server: must be the Tandem server address, e.g. https://tandem.example.com');
    return '';
  }
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    problems.push(`server: '${value}' is not an http(s) address`);
    return '';
  }
}

function attributesOf(value: unknown, problems: string[]): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.push('attributes: must be an object of strings');
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (!ATTRIBUTE_NAME.test(name)) problems.push(`attributes.${name}: names hold letters, digits and _ . : -`);
    else if (typeof v !== 'string') problems.push(`attributes.${name}: must be a string`);
    else out[name] = v;
  }
  return out;
}

function contextsOf(value: unknown, problems: string[]): RoutingContext[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    problems.push('routingContexts: must be a list of {context, category}');
    return undefined;
  }
  const out: RoutingContext[] = [];
  value.forEach((item: unknown, i) => {
    if (isRecord(item) && typeof item.context === 'string' && typeof item.category === 'string')
      out.push({ context: item.context, category: item.category });
    else problems.push(`routingContexts.${i}: must be {context, category} with two strings`);
  });
  return out;
}

function optionalString(value: unknown, field: string, problems: string[]): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  problems.push(`${field}: must be a string`);
  return undefined;
}

/**
 * Reads the host page's configuration object. Unknown keys (and the functions the widget adds to
 * the same object) are ignored; every problem is named, so the console says what to fix.
 */
export function parseConfig(raw: unknown): ConfigResult {
  if (!isRecord(raw))
    return { ok: false, problems: ["window.tandemWidget: set it to { server: '…', widgetId: '…' } before the script"] };
  const problems: string[] = [];
  const server = serverOf(raw.server, problems);
  const widgetId = typeof raw.widgetId === 'string' ? raw.widgetId : '';
  if (!WIDGET_ID.test(widgetId)) problems.push('widgetId: must be the id of a widget configured in Tandem');
  const config: WidgetConfig = { server, widgetId };
  const displayName = optionalString(raw.displayName, 'displayName', problems);
  const email = optionalString(raw.email, 'email', problems);
  const attributes = attributesOf(raw.attributes, problems);
  const routingContexts = contextsOf(raw.routingContexts, problems);
  if (displayName !== undefined) config.displayName = displayName;
  if (email !== undefined) config.email = email;
  if (attributes !== undefined) config.attributes = attributes;
  if (routingContexts !== undefined) config.routingContexts = routingContexts;
  if (raw.open === true) config.open = true;
  return problems.length ? { ok: false, problems } : { ok: true, config };
}

/** The widget's routing contexts and attributes, then the page's: the page's attributes win a name clash. */
export function chatStartExtras(
  widget: { routingContexts?: RoutingContext[]; attributes?: Record<string, string> },
  page: WidgetConfig,
): { routingContexts?: RoutingContext[]; attributes?: Record<string, string> } {
  const contexts = [...(widget.routingContexts ?? []), ...(page.routingContexts ?? [])];
  const seen = new Set<string>();
  const routingContexts = contexts.filter((c) => {
    const key = `${c.category}\u0000${c.context}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const attributes = { ...widget.attributes, ...page.attributes };
  return {
    ...(routingContexts.length ? { routingContexts } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
  };
}
