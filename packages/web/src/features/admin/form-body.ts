import type { FieldSpec } from './schema-form.js';

/** One problem with one field, named by its path like the server names it (`skills.0.proficiency`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A value as text for an input or a summary: what `String` gives, but objects and lists as JSON, never "[object Object]". */
export function textOf(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A number typed into a text box: `''` is nothing, a non-number stays text for the server to refuse. */
export function parseNumberInput(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : text;
}

/** A server parameter's value typed as text, keeping the type of the value it replaces. */
export function parseScalarInput(text: string, previous: unknown): string | number | boolean {
  if (typeof previous === 'boolean') return text === 'true';
  if (typeof previous === 'number') {
    const value = Number(text);
    return text.trim() !== '' && Number.isFinite(value) ? value : text;
  }
  return text;
}

/** Nothing filled in: no text, no number, no list item anywhere inside. */
function isBlank(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.values(value).every(isBlank);
  return false;
}

function cleanList(field: Extract<FieldSpec, { kind: 'list' }>, value: unknown): unknown {
  return Array.isArray(value) ? value.filter((v) => v !== '' && v !== undefined) : value;
}

function cleanValue(field: FieldSpec, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (field.kind) {
    case 'text':
    case 'reference':
    case 'choice':
      return value === '' && !field.required ? undefined : value;
    case 'number':
      return typeof value === 'string' ? parseNumberInput(value) : value;
    case 'list':
      return cleanList(field, value);
    case 'object': {
      if (!isRecord(value)) return value;
      if (isBlank(value) && !field.required && field.defaultValue === undefined) return undefined;
      return bodyOf(field.fields, value);
    }
    case 'object-list':
      return Array.isArray(value)
        ? (value as unknown[]).map((item) => (isRecord(item) ? bodyOf(field.fields, item) : item))
        : value;
    case 'union-list':
      return Array.isArray(value) ? (value as unknown[]).map((item) => cleanUnionItem(field, item)) : value;
    case 'keyed':
      return isRecord(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isRecord(v) ? bodyOf(field.fields, v) : v]))
        : value;
    case 'map':
      return isRecord(value) ? Object.fromEntries(Object.entries(value).filter(([k]) => k.trim() !== '')) : value;
    case 'json':
      return typeof value === 'string' ? parseJsonInput(value) : value;
    default:
      return value;
  }
}

function cleanUnionItem(field: Extract<FieldSpec, { kind: 'union-list' }>, item: unknown): unknown {
  if (!isRecord(item)) return item;
  const tag = item[field.discriminator];
  const variant = field.variants.find((v) => v.value === tag);
  return variant ? { [field.discriminator]: tag, ...bodyOf(variant.fields, item) } : item;
}

function parseJsonInput(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The request body of form `values`: only the schema's fields, empty optional texts left out,
 * numbers typed as text made numbers, records of a union reduced to their variant's fields.
 */
export function bodyOf(fields: readonly FieldSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = cleanValue(field, values[field.name]);
    if (value !== undefined) body[field.name] = value;
  }
  return body;
}

function checkNumber(field: Extract<FieldSpec, { kind: 'number' }>, value: unknown, path: string): FieldIssue[] {
  if (typeof value !== 'number') return [{ path, message: 'must be a number' }];
  if (field.integer && !Number.isInteger(value)) return [{ path, message: 'must be a whole number' }];
  if (field.min !== undefined && value < field.min) return [{ path, message: `must be at least ${field.min}` }];
  if (field.max !== undefined && value > field.max) return [{ path, message: `must be at most ${field.max}` }];
  return [];
}

function checkText(field: Extract<FieldSpec, { kind: 'text' }>, value: unknown, path: string): FieldIssue[] {
  if (typeof value !== 'string') return [{ path, message: 'must be text' }];
  if (field.maxLength !== undefined && value.length > field.maxLength)
    return [{ path, message: `must be at most ${field.maxLength} characters` }];
  if (field.pattern !== undefined && !safeTest(field.pattern, value))
    return [{ path, message: 'has characters or a form that is not allowed' }];
  return [];
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true; // A pattern this browser cannot compile is left to the server.
  }
}

function checkNested(field: FieldSpec, value: unknown, path: string): FieldIssue[] {
  if (field.kind === 'object' && isRecord(value)) return checkBody(field.fields, value, `${path}.`);
  if (field.kind === 'object-list' && Array.isArray(value))
    return value.flatMap((item, i) => (isRecord(item) ? checkBody(field.fields, item, `${path}.${i}.`) : []));
  if (field.kind === 'union-list' && Array.isArray(value))
    return value.flatMap((item, i) => {
      const variant = isRecord(item) ? field.variants.find((v) => v.value === item[field.discriminator]) : undefined;
      return variant && isRecord(item) ? checkBody(variant.fields, item, `${path}.${i}.`) : [];
    });
  if (field.kind === 'keyed' && isRecord(value))
    return Object.entries(value).flatMap(([k, v]) => (isRecord(v) ? checkBody(field.fields, v, `${path}.${k}.`) : []));
  return [];
}

/**
 * What the browser can tell before sending: required fields, number ranges, lengths and patterns.
 * Takes a body from `bodyOf`. The server checks everything again (references, uniqueness, rights).
 */
export function checkBody(fields: readonly FieldSpec[], body: Record<string, unknown>, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of fields) {
    const path = `${prefix}${field.name}`;
    const value = body[field.name];
    if (value === undefined || value === '') {
      if (field.required) issues.push({ path, message: 'is required' });
      continue;
    }
    if (field.kind === 'number') issues.push(...checkNumber(field, value, path));
    else if (field.kind === 'text') issues.push(...checkText(field, value, path));
    else issues.push(...checkNested(field, value, path));
  }
  return issues;
}

/** The issues to show at `path`: its own, and those of fields below it that have no editor of their own. */
export function issuesAt(issues: readonly FieldIssue[], path: string): FieldIssue[] {
  return issues.filter((i) => i.path === path);
}

/** Issues under `path` (a list or group): shown on the group when its rows are collapsed. */
export function issuesUnder(issues: readonly FieldIssue[], path: string): FieldIssue[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
}
