/**
 * Schema-driven forms: the server's OpenAPI document holds a JSON Schema for every configuration
 * kind (made from core's zod schemas), and these pure functions turn it into field descriptors, a
 * record into form values and form values back into a request body. A field added on the server
 * shows in the editor without a change here. No DOM, no React: unit-tested under node.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  description?: string;
  additionalProperties?: boolean | JsonSchema;
}

interface FieldBase {
  name: string;
  label: string;
  required: boolean;
  defaultValue?: unknown;
  description?: string;
}

export type FieldSpec = FieldBase &
  (
    | { kind: 'text'; multiline: boolean; maxLength?: number; pattern?: string; format?: string; secret: boolean }
    | { kind: 'number'; integer: boolean; min?: number; max?: number }
    | { kind: 'boolean' }
    | { kind: 'choice'; options: string[] }
    /** A value that may be text, a number or a yes/no (server parameters). */
    | { kind: 'scalar' }
    /** The id of a record of another kind. */
    | { kind: 'reference'; refKind: string }
    /** A list of texts; of ids of `refKind` records, or of fixed `options`. */
    | { kind: 'list'; refKind?: string; options?: string[]; maxItems?: number }
    | { kind: 'object'; fields: FieldSpec[] }
    | { kind: 'object-list'; fields: FieldSpec[]; maxItems?: number }
    /** A list of records of several shapes told apart by `discriminator` (rights). */
    | { kind: 'union-list'; discriminator: string; variants: UnionVariant[]; maxItems?: number }
    /** An object keyed by free or suggested keys, each value of the same shape (utilization per media type). */
    | { kind: 'keyed'; keyOptions: string[]; fields: FieldSpec[] }
    /** Free keys with text values (a widget's extra attributes). */
    | { kind: 'map'; maxLength?: number }
    /** Anything the mapping does not know: edited as JSON text. */
    | { kind: 'json' }
  );

export interface UnionVariant {
  value: string;
  fields: FieldSpec[];
}

/** Which fields hold ids of which kind (by field name; the same names mean the same thing everywhere). */
export const REFERENCES: Readonly<Record<string, string>> = {
  members: 'users',
  supervisors: 'users',
  users: 'users',
  owner: 'users',
  roles: 'roles',
  workgroups: 'workgroups',
  workgroup: 'workgroups',
  skillId: 'skills',
  wrapUpCodes: 'wrap-up-codes',
  allowedStatuses: 'status-messages',
};

/** Keys offered for keyed objects (utilization): the interaction types. */
export const MEDIA_TYPES = ['chat', 'email', 'callback', 'call', 'sms', 'generic', 'workitem'] as const;

/** Fields every stored record carries that a client never writes. */
export const META_FIELDS = ['id', 'revision', 'createdAt', 'updatedAt', 'configured'] as const;

/** `wrapUpTimeoutSeconds` → `Wrap up timeout seconds`. */
export function labelOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const typeOf = (schema: JsonSchema): string | undefined =>
  Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;

/** The enum values of a schema, merging `anyOf` branches of string enums (`area: 'users' | … | '*'`). */
function enumOf(schema: JsonSchema): string[] | undefined {
  if (schema.enum) return schema.enum.map(String);
  if (schema.anyOf?.every((s) => s.enum)) return schema.anyOf.flatMap((s) => (s.enum ?? []).map(String));
  return undefined;
}

/** The property that tells the `oneOf` branches apart: a one-value enum present in every branch. */
function discriminatorOf(branches: JsonSchema[]): string | undefined {
  const first = branches[0]?.properties ?? {};
  return Object.keys(first).find((name) =>
    branches.every((b) => {
      const values = b.properties?.[name]?.enum;
      return values !== undefined && values.length === 1;
    }),
  );
}

function base(name: string, schema: JsonSchema, required: boolean): FieldBase {
  return {
    name,
    label: labelOf(name),
    required,
    ...(schema.default === undefined ? {} : { defaultValue: schema.default }),
    ...(schema.description ? { description: schema.description } : {}),
  };
}

function arrayField(name: string, schema: JsonSchema, b: FieldBase): FieldSpec {
  const items = schema.items ?? {};
  const max = schema.maxItems === undefined ? {} : { maxItems: schema.maxItems };
  if (items.oneOf) {
    const discriminator = discriminatorOf(items.oneOf);
    if (discriminator) {
      const variants = items.oneOf.map((branch) => ({
        value: String(branch.properties?.[discriminator]?.enum?.[0]),
        fields: fieldsOf(branch).filter((f) => f.name !== discriminator),
      }));
      return { ...b, kind: 'union-list', discriminator, variants, ...max };
    }
  }
  if (typeOf(items) === 'object' && items.properties)
    return { ...b, kind: 'object-list', fields: fieldsOf(items), ...max };
  if (typeOf(items) === 'string') {
    const options = enumOf(items);
    const refKind = REFERENCES[name];
    return { ...b, kind: 'list', ...(options ? { options } : {}), ...(refKind ? { refKind } : {}), ...max };
  }
  return { ...b, kind: 'json' };
}

function objectField(name: string, schema: JsonSchema, b: FieldBase): FieldSpec {
  if (schema.properties) return { ...b, kind: 'object', fields: fieldsOf(schema) };
  const values = schema.additionalProperties;
  if (typeof values === 'object' && values.properties)
    return { ...b, kind: 'keyed', keyOptions: [...MEDIA_TYPES], fields: fieldsOf(values) };
  if (typeof values === 'object' && typeOf(values) === 'string')
    return { ...b, kind: 'map', ...(values.maxLength === undefined ? {} : { maxLength: values.maxLength }) };
  return { ...b, kind: 'json' };
}

/** The descriptor of one property. */
export function fieldOf(name: string, schema: JsonSchema, required: boolean): FieldSpec {
  const b = base(name, schema, required);
  const options = enumOf(schema);
  if (options) return { ...b, kind: 'choice', options };
  if (schema.anyOf && schema.anyOf.length > 1) {
    const scalar = schema.anyOf.every((s) => ['string', 'number', 'integer', 'boolean'].includes(typeOf(s) ?? ''));
    return scalar ? { ...b, kind: 'scalar' } : { ...b, kind: 'json' };
  }
  switch (typeOf(schema)) {
    case 'string': {
      const refKind = REFERENCES[name];
      if (refKind) return { ...b, kind: 'reference', refKind };
      return {
        ...b,
        kind: 'text',
        multiline: (schema.maxLength ?? 0) > 500,
        secret: name === 'password',
        ...(schema.maxLength === undefined ? {} : { maxLength: schema.maxLength }),
        ...(schema.pattern === undefined ? {} : { pattern: schema.pattern }),
        ...(schema.format === undefined ? {} : { format: schema.format }),
      };
    }
    case 'integer':
    case 'number':
      return {
        ...b,
        kind: 'number',
        integer: typeOf(schema) === 'integer',
        ...(schema.minimum === undefined ? {} : { min: schema.minimum }),
        ...(schema.maximum === undefined ? {} : { max: schema.maximum }),
      };
    case 'boolean':
      return { ...b, kind: 'boolean' };
    case 'array':
      return arrayField(name, schema, b);
    case 'object':
      return objectField(name, schema, b);
    default:
      return { ...b, kind: 'json' };
  }
}

/** The descriptors of an object schema's properties, in the schema's order. */
export function fieldsOf(schema: JsonSchema): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, s]) => fieldOf(name, s, required.has(name)));
}

/** What a new, empty value of a field is: its default, else nothing (optional) or an empty value. */
export function emptyValueOf(field: FieldSpec): unknown {
  if (field.defaultValue !== undefined) return structuredClone(field.defaultValue);
  switch (field.kind) {
    case 'boolean':
      return false;
    case 'list':
    case 'object-list':
    case 'union-list':
      return [];
    case 'object':
      // An optional group starts absent: its own required fields only apply once it is filled in.
      return field.required ? Object.fromEntries(field.fields.map((f) => [f.name, emptyValueOf(f)])) : undefined;
    case 'keyed':
    case 'map':
      return {};
    case 'choice':
      return field.required ? field.options[0] : undefined;
    default:
      return undefined;
  }
}

/** A new item of a list of records (a skill assignment, a right of the first variant). */
export function newItemOf(field: FieldSpec, variant?: string): Record<string, unknown> {
  if (field.kind === 'union-list') {
    const chosen = field.variants.find((v) => v.value === variant) ?? field.variants[0];
    const values = Object.fromEntries((chosen?.fields ?? []).map((f) => [f.name, emptyValueOf(f)]));
    return { [field.discriminator]: chosen?.value, ...values };
  }
  if (field.kind === 'object-list' || field.kind === 'keyed' || field.kind === 'object')
    return Object.fromEntries(field.fields.map((f) => [f.name, emptyValueOf(f)]));
  return {};
}

/** The form values of a new record: every field's empty value or default. */
export function initialValues(fields: readonly FieldSpec[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, emptyValueOf(f)]));
}

/** The form values of a stored record: its fields the schema knows, without the meta fields. */
export function valuesFromRecord(
  fields: readonly FieldSpec[],
  record: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    fields.map((f) => [f.name, record[f.name] === undefined ? emptyValueOf(f) : structuredClone(record[f.name])]),
  );
}
