import { WebChatCustomer } from '@tandem/client';
import { parseConfig } from './config.js';
import type { WidgetEventMap, WidgetEventName } from './events.js';
import { Widget } from './widget.js';

/** What `window.tandemWidget` offers once the script has loaded (the page's configuration stays on it). */
export interface TandemWidgetApi {
  open(): void;
  close(): void;
  sendMessage(text: string): Promise<void>;
  endChat(): Promise<void>;
  on<K extends WidgetEventName>(name: K, listener: (detail: WidgetEventMap[K]) => void): () => void;
}

declare global {
  interface Window {
    tandemWidget?: Record<string, unknown> & Partial<TandemWidgetApi>;
  }
}

/** sessionStorage, or a memory stand-in where it is refused (sandboxed frames, some private modes). */
function sessionStore(): Storage | Map<string, string> {
  try {
    const storage = window.sessionStorage;
    storage.getItem('tandem-widget:probe');
    return storage;
  } catch {
    return new Map<string, string>();
  }
}

function asStorage(store: Storage | Map<string, string>) {
  if (!(store instanceof Map)) return store;
  return {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  };
}

async function boot(): Promise<void> {
  const target = window.tandemWidget;
  if (target && typeof target.open === 'function') return; // loaded twice: the first one serves
  const parsed = parseConfig(target);
  if (!parsed.ok) {
    console.error(`tandem widget: not started. ${parsed.problems.join('; ')}`);
    return;
  }
  const { config } = parsed;
  const widgetConfig = await new WebChatCustomer(config.server).widget(config.widgetId);
  const widget = new Widget(config, widgetConfig, asStorage(sessionStore()));
  const api: TandemWidgetApi = {
    open: () => widget.open(),
    close: () => widget.close(),
    sendMessage: (text) => widget.sendMessage(text),
    endChat: () => widget.endChat(),
    on: (name, listener) => widget.events.on(name, listener),
  };
  Object.assign(target as object, api);
  document.body.append(widget.view.host);
  await widget.resume();
  if (config.open) widget.open();
  window.dispatchEvent(new CustomEvent('tandem:ready'));
}

function whenReady(run: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

whenReady(() => {
  boot().catch((error: unknown) => console.error('tandem widget: could not start', error));
});
