import type { BaseType, ProcessValue, VariableDefinition, VariableType } from './definition-types.js';

/** Longest text a variable holds, and most items in a list variable. */
export const MAX_TEXT_VALUE = 100_000;
export const MAX_LIST_VALUE = 10_000;

const SCALAR_DEFAULTS: Record<BaseType, ProcessValue> = {
  String: '',
  Integer: 0,
  Decimal: 0,
  Boolean: false,
  DateTime: null,
  Currency: 0,
  User: '',
  Workgroup: '',
  Mailbox: '',
};

/** The type of a variable, as the expression checker sees it. */
export function variableType(variable: VariableDefinition): VariableType {
  return { base: variable.type, list: variable.list };
}

/** A variable's value before anything assigns it: its `initial`, else `[]` for lists, else the type's default. */
export function defaultValue(variable: VariableDefinition): ProcessValue {
  if (variable.initial !== undefined) {
    const coerced = coerceValue(variable.initial, variableType(variable));
    if (coerced.ok) return coerced.value;
  }
  return variable.list ? [] : SCALAR_DEFAULTS[variable.type];
}

export type Coerced = { ok: true; value: ProcessValue } | { ok: false; message: string };

/**
 * Converts a value from outside (launch input, effect output, submitted form data, monitor edit) to a
 * variable's type: numbers may come as numeric text, Booleans as "true"/"false", DateTime as ISO text
 * or epoch ms (stored as ISO text); Currency is rounded to cents. `null` means unset.
 */
export function coerceValue(value: unknown, type: VariableType): Coerced {
  if (value === null) return { ok: true, value: null };
  if (!type.list) return coerceScalar(value, type.base);
  if (!Array.isArray(value)) return { ok: false, message: `must be a list of ${type.base}` };
  if (value.length > MAX_LIST_VALUE) return { ok: false, message: `must have at most ${MAX_LIST_VALUE} items` };
  const out: ProcessValue[] = [];
  for (const [i, item] of value.entries()) {
    const c = coerceScalar(item, type.base);
    if (!c.ok) return { ok: false, message: `item ${i} ${c.message}` };
    out.push(c.value);
  }
  return { ok: true, value: out };
}

function coerceScalar(value: unknown, base: BaseType): Coerced {
  const bad = (what: string): Coerced => ({ ok: false, message: `must be ${what}` });
  switch (base) {
    case 'String':
    case 'User':
    case 'Workgroup':
    case 'Mailbox':
      if (typeof value !== 'string') return bad('text');
      return value.length > MAX_TEXT_VALUE ? bad(`at most ${MAX_TEXT_VALUE} characters`) : { ok: true, value };
    case 'Boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return bad('true or false');
    case 'DateTime':
      return coerceDateTime(value);
    default:
      return coerceNumber(value, base);
  }
}

function coerceNumber(value: unknown, base: BaseType): Coerced {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return { ok: false, message: 'must be a number' };
  if (base === 'Integer') {
    return Number.isSafeInteger(n) ? { ok: true, value: n } : { ok: false, message: 'must be a whole number' };
  }
  if (base === 'Currency') return { ok: true, value: Math.round(n * 100) / 100 };
  return { ok: true, value: n };
}

function coerceDateTime(value: unknown): Coerced {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return { ok: false, message: 'must be an ISO date-time' };
  return { ok: true, value: new Date(ms).toISOString() };
}
