import { TandemError, type FieldIssue } from '../errors.js';
import type { FormDefinition, ProcessDefinition, ProcessValue } from './definition-types.js';
import { coerceValue, variableType } from './values.js';

/**
 * Hold saves valid data only: the values of `data` that are fields of the form and convert to their
 * variable's type are kept; the others are reported and dropped (the last valid value stays).
 * Required fields and validation rules are not checked on hold.
 */
export function validWorkItemData(
  definition: ProcessDefinition,
  form: FormDefinition,
  data: Record<string, unknown>,
): { values: Record<string, ProcessValue>; rejected: FieldIssue[] } {
  const bound = new Set(form.pages.flatMap((p) => p.controls).flatMap((c) => (c.variable ? [c.variable] : [])));
  const values: Record<string, ProcessValue> = {};
  const rejected: FieldIssue[] = [];
  for (const [name, raw] of Object.entries(data)) {
    const variable = bound.has(name) ? definition.variables.find((v) => v.name === name) : undefined;
    if (!variable) {
      rejected.push({ path: `data.${name}`, message: 'is not a field of this form' });
      continue;
    }
    const c = coerceValue(raw, variableType(variable));
    if (c.ok) values[name] = c.value;
    else rejected.push({ path: `data.${name}`, message: c.message });
  }
  return { values, rejected };
}

/**
 * Refuses data for fields the user may not change (`editable` from `workItemView`): a user outside a
 * security specification can neither read nor write the secured variables. Throws `VALIDATION_FAILED`.
 */
export function assertEditable(data: Record<string, unknown>, editable: readonly string[]): void {
  const issues = Object.keys(data)
    .filter((name) => !editable.includes(name))
    .map((name) => ({ path: `data.${name}`, message: 'is not a field you may change' }));
  if (issues.length > 0) {
    throw new TandemError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
}
