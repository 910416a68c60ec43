import { textOf } from './form-body.js';
import { fieldOf, fieldsOf, labelOf, type FieldSpec, type JsonSchema } from './schema-form.js';

/** One configuration kind as the OpenAPI document describes it. */
export interface KindSchema {
  /** The path segment: `users`, `wrap-up-codes`, `widgets`, ... */
  kind: string;
  title: string;
  /** The fields of `POST` (without the id). */
  createFields: FieldSpec[];
  /** The fields of `PUT /{id}`. */
  updateFields: FieldSpec[];
  /** The id, written once on create. */
  idField: FieldSpec;
  /** Fields only sent on create (a user's first password). */
  createOnly: string[];
}

/** Titles where the kind's name does not read well as it is; others come from `labelOf`. */
const TITLES: Readonly<Record<string, string>> = {
  'wrap-up-codes': 'Wrap-up codes',
  'server-parameters': 'Server parameters',
  'status-messages': 'Status messages',
  'security-specifications': 'Security specifications',
  'response-libraries': 'Response libraries',
  licences: 'Licences',
};

/** The order of the admin navigation; kinds the server adds later come after, alphabetically. */
const ORDER = [
  'users',
  'workgroups',
  'roles',
  'skills',
  'status-messages',
  'wrap-up-codes',
  'account-codes',
  'response-libraries',
  'widgets',
  'licences',
  'security-specifications',
  'server-parameters',
];

type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
type PathItem = Partial<Record<'get' | 'post' | 'put' | 'delete', Operation>>;

const bodySchema = (op: Operation | undefined): JsonSchema | undefined =>
  op?.requestBody?.content?.['application/json']?.schema;

export function titleOf(kind: string): string {
  return TITLES[kind] ?? labelOf(kind);
}

/** Every configuration kind with list, create and replace operations in the OpenAPI document `doc`. */
export function configKindsOf(doc: unknown): KindSchema[] {
  const paths = (doc as { paths?: Record<string, PathItem> } | undefined)?.paths ?? {};
  const kinds: KindSchema[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const match = /^\/api\/v1\/config\/([a-z0-9-]+)$/.exec(path);
    const kind = match?.[1];
    const create = bodySchema(item.post);
    const update = bodySchema(paths[`${path}/{id}`]?.put);
    if (!kind || !item.get || !create?.properties || !update) continue;
    const { id: idSchema, ...createProps } = create.properties;
    const createSchema = {
      ...create,
      properties: createProps,
      required: (create.required ?? []).filter((r) => r !== 'id'),
    };
    const updateFields = fieldsOf(update);
    const createFields = fieldsOf(createSchema);
    kinds.push({
      kind,
      title: titleOf(kind),
      createFields,
      updateFields,
      idField: { ...fieldOf('id', idSchema ?? { type: 'string' }, true), label: 'Id' },
      createOnly: createFields.filter((f) => !updateFields.some((u) => u.name === f.name)).map((f) => f.name),
    });
  }
  const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  return kinds.sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind));
}

/** The text a record is listed under: its display name, text, name, value or count. */
export function summaryOf(record: Record<string, unknown>): string {
  for (const key of ['displayName', 'text', 'name', 'title']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  if (record['value'] !== undefined) return textOf(record['value']);
  if (typeof record['count'] === 'number') return `${record['count']} seats`;
  return '';
}

/** A right in words, for lists: `Queue workgroup Sales: modify (pickup, transfer)`. */
export function describeRight(right: Record<string, unknown>): string {
  const s = (key: string) => (typeof right[key] === 'string' ? right[key] : '?');
  const target = (t: string) => (t === '*' ? 'all' : t);
  switch (right['type']) {
    case 'admin':
      return `Administer ${s('area') === '*' ? 'everything' : s('area')}: ${s('access')}`;
    case 'queue': {
      const actions = Array.isArray(right['actions']) ? ` (${(right['actions'] as string[]).join(', ')})` : '';
      return `Queue ${s('queueType')} ${target(s('target'))}: ${s('level')}${actions}`;
    }
    case 'object':
      return `${labelOf(s('object'))} ${target(s('target'))}: ${s('access')}`;
    case 'process':
      return `Process ${target(s('definition'))}: ${s('access')}`;
    case 'security':
      return `Security: ${s('right')}`;
    default:
      return JSON.stringify(right);
  }
}
