import { describe, expect, it } from 'vitest';
import { chatStartExtras, parseConfig } from '../src/config.js';

describe('the host page configuration', () => {
  it('reads the copy-script form: a server and a widget id', () => {
    expect(parseConfig({ server: 'https://tandem.example.com/', widgetId: 'support' })).toEqual({
      ok: true,
      config: { server: 'https://tandem.example.com', widgetId: 'support' },
    });
  });

  it('keeps a path prefix (a reverse proxy) and drops query and hash', () => {
    const parsed = parseConfig({ server: 'https://www.example.com/tandem/?x=1#y', widgetId: 'w' });
    expect(parsed.ok && parsed.config.server).toBe('https://www.example.com/tandem');
  });

  it('reads the optional keys and ignores the functions the widget adds to the same object', () => {
    const parsed = parseConfig({
      server: 'http://localhost:8018',
      widgetId: 'support',
      displayName: 'Vera',
      email: 'vera@example.com',
      attributes: { plan: 'Pro' },
      routingContexts: [{ context: 'Billing', category: 'skills' }],
      open: true,
      sendMessage: () => undefined,
    });
    expect(parsed).toEqual({
      ok: true,
      config: {
        server: 'http://localhost:8018',
        widgetId: 'support',
        displayName: 'Vera',
        email: 'vera@example.com',
        attributes: { plan: 'Pro' },
        routingContexts: [{ context: 'Billing', category: 'skills' }],
        open: true,
      },
    });
  });

  it('names every problem, so the console says what to fix', () => {
    const parsed = parseConfig({
      server: 'ftp://example.com',
      widgetId: '../etc',
      attributes: { 'bad name': 'x', n: 3 },
      routingContexts: [{ context: 'Billing' }],
      displayName: 7,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      "server: 'ftp://example.com' is not an http(s) address",
      'widgetId: must be the id of a widget configured in Tandem',
      'displayName: must be a string',
      'attributes.bad name: names hold letters, digits and _ . : -',
      'attributes.n: must be a string',
      'routingContexts.0: must be {context, category} with two strings',
    ]);
  });

  it('says how to set it up when there is no configuration object at all', () => {
    expect(parseConfig(undefined)).toEqual({ ok: false, problems: [expect.stringContaining('window.tandemWidget')] });
  });
});

describe('what a chat starts with', () => {
  const page = { server: 'https://t.example', widgetId: 'w' };

  it('sends the widget’s routing contexts, then the page’s, each once', () => {
    const extras = chatStartExtras(
      { routingContexts: [{ context: 'Billing', category: 'skills' }] },
      {
        ...page,
        routingContexts: [
          { context: 'Billing', category: 'skills' },
          { context: 'Gold', category: 'tier' },
        ],
      },
    );
    expect(extras.routingContexts).toEqual([
      { context: 'Billing', category: 'skills' },
      { context: 'Gold', category: 'tier' },
    ]);
  });

  it('lets the page’s attributes win over the widget’s on a name clash', () => {
    const extras = chatStartExtras(
      { attributes: { source: 'widget', plan: 'Basic' } },
      { ...page, attributes: { plan: 'Pro' } },
    );
    expect(extras.attributes).toEqual({ source: 'widget', plan: 'Pro' });
  });

  it('sends neither when there is nothing to send', () => {
    expect(chatStartExtras({}, page)).toEqual({});
  });
});
