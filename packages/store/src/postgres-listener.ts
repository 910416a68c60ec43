import pg from 'pg';

const RECONNECT_MS = 1_000;

/**
 * LISTEN on PostgreSQL: one connection of its own (a pooled one would be handed to other queries),
 * opened at the first `listen`. When it drops it is opened again after a second and listens to the
 * same channels; what was sent meanwhile is not heard (listeners also look by themselves).
 */
export class PostgresListener {
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onError: (error: Error) => void,
  ) {}

  /** `channel` must already be checked (see `checkChannel`). */
  async listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>> {
    const known = this.listeners.get(channel);
    const set = known ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    const client = await this.connect();
    if (!known) await client.query(`LISTEN ${channel}`);
    return async () => {
      set.delete(listener);
      if (set.size > 0 || this.listeners.get(channel) !== set) return;
      this.listeners.delete(channel);
      await this.client?.query(`UNLISTEN ${channel}`).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 10_000 });
    client.on('notification', (n) => {
      for (const listener of this.listeners.get(n.channel) ?? []) listener(n.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, undefined));
    await client.connect();
    for (const channel of this.listeners.keys()) await client.query(`LISTEN ${channel}`);
    this.client = client;
    return client;
  }

  private lost(client: pg.Client, error: Error | undefined): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    if (error) this.onError(error);
    void client.end().catch(() => undefined);
    this.reconnectLater();
  }

  private reconnectLater(): void {
    this.retry = setTimeout(() => {
      if (this.closed || this.listeners.size === 0) return;
      this.connect().catch((error: unknown) => {
        this.onError(error as Error);
        this.reconnectLater();
      });
    }, RECONNECT_MS).unref();
  }
}
