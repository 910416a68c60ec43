/** The part of the WebSocket API the stream uses: met by browsers' `WebSocket` and by `ws`. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** Opens a socket to `url`; inject one to use another implementation or to add headers. */
export type WebSocketFactory = (url: string) => WebSocketLike;

type WebSocketConstructor = new (url: string) => WebSocketLike;

/**
 * The global `WebSocket` when there is one (browsers, Node 22+), else the `ws` package, loaded
 * lazily so that bundles for the browser never need it.
 */
export async function defaultWebSocketFactory(): Promise<WebSocketFactory> {
  const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (global) return (url) => new global(url);
  const { WebSocket } = await import('ws');
  return (url) => new WebSocket(url) as unknown as WebSocketLike;
}
