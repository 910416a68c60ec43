import { apiErrorOf, TandemApiError } from '../errors.js';
import type { HttpMethod, TandemClient } from '../tandem-client.js';

/** A configuration record as the server answers it: its fields plus id, revision and times. */
export interface ConfigRecord {
  id: string;
  revision?: number;
  createdAt?: number;
  updatedAt?: number;
  [field: string]: unknown;
}

const base = (kind: string) => `/api/v1/config/${encodeURIComponent(kind)}`;
const one = (kind: string, id: string) => `${base(kind)}/${encodeURIComponent(id)}`;

/**
 * A request with extra headers (`If-Match`), sent like `TandemClient.request` (bearer token or
 * cookie plus CSRF token). Throws `TandemApiError` for every non-2xx answer.
 */
async function send<T>(
  client: TandemClient,
  method: HttpMethod,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (client.token) headers['authorization'] = `Bearer ${client.token}`;
  if (client.csrfToken && method !== 'GET') headers['x-csrf-token'] = client.csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await globalThis.fetch(`${client.baseUrl}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch (cause) {
    throw new TandemApiError(
      0,
      'NETWORK_ERROR',
      `${method} ${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  if (!response.ok) throw apiErrorOf(response.status, parsed);
  return parsed as T;
}

/** `GET /api/v1/config/{kind}` (administrator view right on the kind's area). */
export function listConfig(
  client: TandemClient,
  kind: string,
  options: { limit?: number; offset?: number } = {},
): Promise<{ items: ConfigRecord[]; total: number }> {
  const params = new URLSearchParams({ limit: String(options.limit ?? 1000), offset: String(options.offset ?? 0) });
  return client.request('GET', `${base(kind)}?${params.toString()}`);
}

export function getConfig(client: TandemClient, kind: string, id: string): Promise<ConfigRecord> {
  return client.request('GET', one(kind, id));
}

/** `POST /api/v1/config/{kind}` with the id in the body. */
export function createConfig(
  client: TandemClient,
  kind: string,
  record: Record<string, unknown>,
): Promise<ConfigRecord> {
  return client.request('POST', base(kind), record);
}

/**
 * `PUT /api/v1/config/{kind}/{id}`. With `revision`, sends `If-Match` so that a change made by
 * someone else in between is refused (412 `REVISION_CONFLICT`) instead of overwritten.
 */
export function updateConfig(
  client: TandemClient,
  kind: string,
  id: string,
  fields: Record<string, unknown>,
  revision?: number,
): Promise<ConfigRecord> {
  const headers: Record<string, string> = revision === undefined ? {} : { 'if-match': `"${revision}"` };
  return send(client, 'PUT', one(kind, id), { body: fields, headers });
}

/** `DELETE /api/v1/config/{kind}/{id}`; 409 `STILL_REFERENCED` names the referrers in `details.referrers`. */
export async function deleteConfig(client: TandemClient, kind: string, id: string): Promise<void> {
  await client.request('DELETE', one(kind, id));
}

/** `POST /api/v1/config/users/{id}/password`: sets a user's password (by default to be changed at next logon). */
export async function resetUserPassword(
  client: TandemClient,
  userId: string,
  password: string,
  mustChange = true,
): Promise<void> {
  await client.request('POST', `${one('users', userId)}/password`, { password, mustChange });
}

/** The server's OpenAPI document (public): the source of the configuration forms' schemas. */
export function getOpenApiDocument(client: TandemClient): Promise<Record<string, unknown>> {
  return client.request('GET', '/api/v1/openapi.json');
}
