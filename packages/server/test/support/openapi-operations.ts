import type { TestServer } from './harness.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** The part of JSON Schema that the OpenAPI document of the server uses (generated from zod). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
}

/** One operation of the API as the app itself documents it. */
export interface Operation {
  method: HttpMethod;
  /** As the OpenAPI document writes it: `/api/v1/config/users/{id}`. */
  path: string;
  /** `PUT /api/v1/config/users/{id}`: what the tests are named after. */
  key: string;
  pathParams: string[];
  query: { name: string; schema: JsonSchema }[];
  headers: { name: string; schema: JsonSchema }[];
  /** The JSON request body's schema, when the operation takes one. */
  body: JsonSchema | undefined;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/**
 * Every operation of `GET /api/v1/openapi.json` (which needs no session), in document order.
 * This is what the acceptance suites enumerate, so a new route is covered, or noticed, by itself.
 */
export async function operationsOf(s: TestServer): Promise<Operation[]> {
  const response = await s.call(undefined, 'GET', '/api/v1/openapi.json');
  if (response.statusCode !== 200) throw new Error(`openapi.json answered ${response.statusCode}`);
  const doc = response.json<{ paths: Record<string, Record<string, OpenApiOperation>> }>();
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [lower, op] of Object.entries(byMethod)) {
      const method = lower.toUpperCase() as HttpMethod;
      if (!METHODS.includes(method)) continue;
      const parameters = op.parameters ?? [];
      operations.push({
        method,
        path,
        key: `${method} ${path}`,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        headers: parameters.filter((p) => p.in === 'header').map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

/** The path with its `{param}`s filled in, each percent-encoded unless `raw` says it already is. */
export function urlOf(path: string, params: Record<string, string>, options: { raw?: boolean } = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} of ${path}`);
    return options.raw ? value : encodeURIComponent(value);
  });
}

/** The JSON types a schema accepts (`integer` counts as its own type, and as `number`). */
export function jsonTypesOf(schema: JsonSchema): Set<string> {
  const types = new Set<string>();
  const add = (s: JsonSchema): void => {
    if (Array.isArray(s.type)) s.type.forEach((t) => types.add(t));
    else if (s.type) types.add(s.type);
    else if (s.enum || s.const !== undefined)
      for (const v of s.enum ?? [s.const]) types.add(v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
    for (const member of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) add(member);
  };
  add(schema);
  if (types.has('integer')) types.add('number');
  return types;
}
