import type { ErrorCode } from '@tandem/core';
import type { HttpMethod, JsonSchema, Operation } from './openapi-operations.js';
import { urlOf } from './openapi-operations.js';

/** A valid request to an operation, which each case spoils in exactly one way. */
export interface Base {
  params: Record<string, string>;
  body?: Record<string, unknown>;
}

/** What the answer to a bad request must be. */
export interface Expected {
  statuses: number[];
  codes: ErrorCode[];
  /** What must be named: an issue path (or one under it), or a part of the message. Any one of them. */
  names: string[];
}

export interface RawRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

export interface BadCase {
  name: string;
  expected: Expected;
  /** Built when the case runs, so that the megabyte bodies are not all held at once. */
  request(): RawRequest;
}

const fieldAtFault = (path: string): Expected => ({ statuses: [400], codes: ['VALIDATION_FAILED'], names: [path] });
const MALFORMED: Expected = { statuses: [400], codes: ['MALFORMED_REQUEST'], names: ['body'] };
const JSON_TYPE = { 'content-type': 'application/json' };
const MIB = 1024 * 1024;
/** Stands for a value that is spliced into the JSON text afterwards (nesting too deep to build as objects). */
const SPLICE = '\u0001splice\u0001';

/** Wrong values of each JSON type, with the types that would accept them. */
const WRONG_TYPES: [label: string, value: unknown, acceptedBy: (types: Set<string>) => boolean][] = [
  ['a string', 'zz', (t) => t.has('string')],
  ['a whole number', 7, (t) => t.has('integer') || t.has('number')],
  ['a fraction', 7.5, (t) => t.has('number')],
  ['a boolean', true, (t) => t.has('boolean')],
  ['an object', { zz: 1 }, (t) => t.has('object')],
  ['an array', ['zz'], (t) => t.has('array')],
  ['null', null, (t) => t.has('null')],
];

/** Ids nobody may have: empty, blank, control characters, emoji, bidi override, paths, SQL, too long. */
export const BAD_IDS: [label: string, value: string][] = [
  ['empty', ''],
  ['a space', ' '],
  ['NUL', '\u0000'],
  ['a NUL inside', 'a\u0000b'],
  ['an emoji', '\u{1F600}'],
  ['a right-to-left override', '\u202eevil'],
  ['a parent path', '../x'],
  ['a slash', 'a/b'],
  ['SQL', "'; drop table x; --"],
  ['500 characters', 'x'.repeat(500)],
];

/** The JSON types a schema accepts, `integer` apart from `number`. */
function typesOf(schema: JsonSchema): Set<string> {
  const types = new Set<string>();
  const add = (s: JsonSchema): void => {
    if (Array.isArray(s.type)) s.type.forEach((t) => types.add(t));
    else if (s.type) types.add(s.type);
    else if (s.enum || s.const !== undefined)
      for (const v of s.enum ?? [s.const]) types.add(v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
    for (const member of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) add(member);
  };
  add(schema);
  return types;
}

const maxLengthOf = (schema: JsonSchema): number =>
  Math.max(schema.maxLength ?? 0, ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].map(maxLengthOf));

function withValue(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return { ...body, [head]: value };
  const inner = (body[head] ?? {}) as Record<string, unknown>;
  return { ...body, [head]: withValue(inner, rest, value) };
}

function without(body: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _gone, ...rest } = body;
  return rest;
}

/** The cases of an operation's JSON body: its shape as a whole, then each field. */
export function bodyCases(op: Operation, base: Base): BadCase[] {
  const schema = op.body as JsonSchema;
  const body = base.body ?? {};
  const url = urlOf(op.path, base.params);
  const raw = (name: string, payload: () => string, expected: Expected, contentType = 'application/json'): BadCase => ({
    name,
    expected,
    request: () => ({ method: op.method, url, headers: { 'content-type': contentType }, payload: payload() }),
  });
  const json = (name: string, value: () => unknown, expected: Expected, splice = ''): BadCase =>
    raw(name, () => JSON.stringify(value()).replace(JSON.stringify(SPLICE), splice), expected);
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  const cases: BadCase[] = [
    raw('malformed JSON', () => '{"a":', MALFORMED),
    raw('an empty body', () => '', MALFORMED),
    raw('a __proto__ key', () => `{"__proto__":{"polluted":true},${JSON.stringify(body).slice(1)}`, MALFORMED),
    raw(
      'a constructor.prototype key',
      () => `{"constructor":{"prototype":{"polluted":true}},${JSON.stringify(body).slice(1)}`,
      MALFORMED,
    ),
    json('a JSON array of the valid body', () => [body], fieldAtFault('body')),
    json('null', () => null, fieldAtFault('body')),
    json('a string', () => 'zz', fieldAtFault('body')),
    json('a number', () => 7, fieldAtFault('body')),
    raw(
      'an XML body',
      () => '<zz/>',
      { statuses: [415], codes: ['UNSUPPORTED_MEDIA_TYPE'], names: ['content-type'] },
      'application/xml',
    ),
    raw(
      'the valid body sent as text/plain',
      () => JSON.stringify(body),
      { statuses: [400, 415], codes: ['VALIDATION_FAILED', 'UNSUPPORTED_MEDIA_TYPE'], names: ['body', 'content-type'] },
      'text/plain',
    ),
    json('a body over 1 MiB', () => ({ ...body, zzPadding: 'x'.repeat(MIB) }), {
      statuses: [413],
      codes: ['PAYLOAD_TOO_LARGE'],
      names: ['body'],
    }),
    json('an unknown field zzUnknown', () => ({ ...body, zzUnknown: 1 }), fieldAtFault('zzUnknown')),
    json(
      'an unknown field nested 100,000 deep',
      () => ({ ...body, zzDeep: SPLICE }),
      fieldAtFault('zzDeep'),
      deep(100_000),
    ),
  ];
  for (const name of schema.required ?? [])
    cases.push(json(`no ${name} (required)`, () => without(body, name), fieldAtFault(name)));
  for (const [name, fieldSchema] of Object.entries(schema.properties ?? {})) {
    cases.push(...fieldCases([name], fieldSchema, body, json));
    cases.push(
      json(`${name} nested 10,000 deep`, () => withValue(body, [name], SPLICE), fieldAtFault(name), deep(10_000)),
    );
    const nested = fieldSchema.properties;
    if (nested && !fieldSchema.type?.includes('array')) {
      cases.push(
        json(
          `an unknown field ${name}.zzUnknown`,
          () => withValue(body, [name, 'zzUnknown'], 1),
          fieldAtFault(`${name}.zzUnknown`),
        ),
      );
      for (const [sub, subSchema] of Object.entries(nested))
        cases.push(...fieldCases([name, sub], subSchema, body, json));
    }
  }
  return cases;
}

type JsonCase = (name: string, value: () => unknown, expected: Expected) => BadCase;

/** Wrong types, oversized and unstorable strings, bad ids, values out of range, for one field. */
function fieldCases(path: string[], schema: JsonSchema, body: Record<string, unknown>, json: JsonCase): BadCase[] {
  const dotted = path.join('.');
  const at = fieldAtFault(dotted);
  const set = (value: unknown) => () => withValue(body, path, value);
  const types = typesOf(schema);
  if (types.size === 0) throw new Error(`the schema of ${dotted} names no JSON type: teach typesOf about it`);
  const cases: BadCase[] = [];
  for (const [label, value, acceptedBy] of WRONG_TYPES)
    if (!acceptedBy(types)) cases.push(json(`${dotted} as ${label}`, set(value), at));
  if (types.has('string')) {
    const length = Math.max(10_000, maxLengthOf(schema) + 1);
    cases.push(json(`${dotted} of ${length.toLocaleString('en')} characters`, set('x'.repeat(length)), at));
    cases.push(json(`${dotted} holding a NUL character`, set('a\u0000b'), at));
    cases.push(json(`${dotted} holding an unpaired surrogate`, set('a\ud800b'), at));
  }
  if (/^id$|Id$/.test(path.at(-1) ?? '') && (schema.pattern || schema.enum))
    for (const [label, value] of BAD_IDS) cases.push(json(`${dotted} ${label}`, set(value), at));
  else if (schema.enum && types.has('string'))
    cases.push(json(`${dotted} outside its choices`, set('zz-no-such-choice'), at));
  if (schema.minimum !== undefined) cases.push(json(`${dotted} below its minimum`, set(schema.minimum - 1), at));
  if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER)
    cases.push(json(`${dotted} above its maximum`, set(schema.maximum + 1), at));
  if (schema.items) {
    const itemTypes = typesOf(schema.items);
    const wrong = WRONG_TYPES.find(([, , acceptedBy]) => !acceptedBy(itemTypes));
    if (wrong) cases.push(json(`${dotted} holding ${wrong[0]}`, set([wrong[1]]), at));
  }
  return cases;
}

/** Ids in the path: as URL text, since what matters is what the router and the schema make of it. */
export function paramCases(op: Operation, base: Base): BadCase[] {
  const cases: BadCase[] = [];
  const payload = base.body === undefined ? {} : { payload: JSON.stringify(base.body) };
  const headers = base.body === undefined ? {} : JSON_TYPE;
  for (const param of op.pathParams) {
    const at = fieldAtFault(`params.${param}`);
    const routeOr = (e: Expected, also: { statuses: number[]; codes: ErrorCode[]; names: string[] }): Expected => ({
      statuses: [...e.statuses, ...also.statuses],
      codes: [...e.codes, ...also.codes],
      names: [...e.names, ...also.names],
    });
    const noRoute = { statuses: [404], codes: ['ROUTE_NOT_FOUND' as const], names: ['no route'] };
    const unknown = "x') OR ('1";
    const values: [string, string, Expected][] = [
      // An empty or dot segment may leave no route to match, depending on what follows it.
      ['empty', '', routeOr(at, noRoute)],
      ['..', '..', routeOr(at, noRoute)],
      ['a raw slash', 'a/b', routeOr(at, noRoute)],
      ['a space (%20)', '%20', at],
      ['a tab (%09)', '%09', at],
      ['NUL (%00)', '%00', at],
      ['a NUL inside (a%00b)', 'a%00b', at],
      ['an emoji', '%F0%9F%98%80', at],
      ['an encoded slash', 'a%2Fb', at],
      ['an encoded ../../etc', '..%2F..%2Fetc', at],
      ['SQL', encodeURIComponent("'; drop table x; --"), at],
      ['500 characters', 'x'.repeat(500), at],
      [
        '5,000 characters',
        'x'.repeat(5000),
        routeOr(at, { statuses: [400], codes: ['MALFORMED_REQUEST'], names: ['path'] }),
      ],
      ['a broken percent-encoding', '%E0%A4%A', { statuses: [400], codes: ['MALFORMED_REQUEST'], names: ['path'] }],
      // Well formed for most kinds but naming nothing: the answer names the id it did not find.
      [
        'well formed but unknown, SQL-ish',
        encodeURIComponent(unknown),
        routeOr(at, { statuses: [404], codes: ['NOT_FOUND'], names: [unknown] }),
      ],
    ];
    const others = Object.fromEntries(Object.entries(base.params).map(([k, v]) => [k, encodeURIComponent(v)]));
    for (const [label, value, expected] of values) {
      const url = urlOf(op.path, { ...others, [param]: value }, { raw: true });
      cases.push({
        name: `${param} ${label}`,
        expected,
        request: () => ({ method: op.method, url, headers, ...payload }),
      });
    }
  }
  return cases;
}

/** Query strings: numbers that are not, out of range, repeated, too long, unknown parameters. */
export function queryCases(op: Operation, base: Base): BadCase[] {
  if (op.query.length === 0) return [];
  const url = urlOf(op.path, base.params);
  const get = (name: string, query: string, expected: Expected): BadCase => ({
    name,
    expected,
    request: () => ({ method: op.method, url: `${url}?${query}`, headers: {} }),
  });
  const cases = [get('an unknown query parameter zzUnknown', 'zzUnknown=1', fieldAtFault('query.zzUnknown'))];
  for (const { name, schema } of op.query) {
    const at = fieldAtFault(`query.${name}`);
    const types = typesOf(schema);
    cases.push(get(`${name} given twice`, `${name}=1&${name}=2`, at));
    if (types.has('integer') || types.has('number'))
      for (const value of ['-1', 'abc', '1.5', '99999999999999999999', 'Infinity'])
        cases.push(get(`${name}=${value}`, `${name}=${value}`, at));
    if (types.has('string') && schema.maxLength !== undefined)
      cases.push(
        get(`${name} of ${schema.maxLength + 1} characters`, `${name}=${'x'.repeat(schema.maxLength + 1)}`, at),
      );
    if (/Ids$/.test(name)) cases.push(get(`${name} holding NUL and an emoji`, `${name}=agent1,%00,%F0%9F%98%80`, at));
  }
  return cases;
}

/** Header parameters (If-Match): values that are not revisions. */
export function headerCases(op: Operation, base: Base): BadCase[] {
  const url = urlOf(op.path, base.params);
  const payload = base.body === undefined ? {} : { payload: JSON.stringify(base.body) };
  return op.headers.flatMap(({ name }) =>
    ['abc', 'W/"1"', '-1'].map((value) => ({
      name: `${name}: ${value}`,
      expected: fieldAtFault(`headers.${name}`),
      request: () => ({ method: op.method, url, headers: { ...JSON_TYPE, [name]: value }, ...payload }),
    })),
  );
}
