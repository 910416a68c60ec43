import { TandemClient, type ConnectionInfo, type Station } from '../tandem-client.js';

/** The answer of `GET /api/v1/connection`: the session behind the cookie (no bearer token in it). */
export interface BrowserSessionInfo {
  sessionId: string;
  csrfToken: string;
  userId: string;
  displayName: string;
  licences: string[];
  /** The user's effective rights (core's `Right` records). */
  rights: unknown;
  station?: Station;
  stationKey?: string | null;
  passwordChangeRequired?: boolean;
  createdAt?: number;
}

export interface BrowserLogon {
  userId: string;
  password: string;
  station?: Station;
  force?: boolean;
}

/**
 * Logs a browser on: the server sets the HttpOnly session cookie; the client keeps only the CSRF
 * token (sent on mutations), never the bearer token. `baseUrl` is usually `location.origin`.
 */
export async function logOnBrowser(
  baseUrl: string,
  logon: BrowserLogon,
): Promise<{ client: TandemClient; info: BrowserSessionInfo }> {
  const client = new TandemClient({ baseUrl });
  const answer = await client.request<ConnectionInfo>('POST', '/api/v1/connection', logon);
  const { token: _token, ...rest } = answer;
  const info = rest as unknown as BrowserSessionInfo;
  client.csrfToken = info.csrfToken;
  return { client, info };
}

/** Picks up the session of the cookie after a reload; `undefined` when there is none (401). */
export async function resumeBrowserSession(
  baseUrl: string,
): Promise<{ client: TandemClient; info: BrowserSessionInfo } | undefined> {
  const client = new TandemClient({ baseUrl });
  try {
    const info = await client.request<BrowserSessionInfo>('GET', '/api/v1/connection');
    client.csrfToken = info.csrfToken;
    return { client, info };
  } catch (error) {
    if (error instanceof Error && 'status' in error && (error as { status: number }).status === 401) return undefined;
    throw error;
  }
}

/** `PUT /api/v1/connection/station`: answers the session with its new station. */
export function setStation(client: TandemClient, station: Station, force = false): Promise<BrowserSessionInfo> {
  return client.request<BrowserSessionInfo>('PUT', '/api/v1/connection/station', {
    station,
    ...(force ? { force } : {}),
  });
}

/** `PUT /api/v1/connection/password` (allowed while a password change is required). */
export async function changePassword(client: TandemClient, oldPassword: string, newPassword: string): Promise<void> {
  await client.request('PUT', '/api/v1/connection/password', { oldPassword, newPassword });
}
