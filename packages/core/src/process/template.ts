import type { ProcessValue } from './definition-types.js';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Names used as `{Name}` placeholders in a template, with their offsets. */
export function templateNames(template: string): { name: string; start: number }[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1] as string, start: m.index }));
}

/** Fills `{Name}` placeholders; `show` decides how each value is written (redaction for logs). */
export function renderTemplate(
  template: string,
  lookup: (name: string) => ProcessValue | undefined,
  show: (name: string, value: ProcessValue) => string = (_n, v) => formatValue(v),
): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = lookup(name);
    return value === undefined ? whole : show(name, value);
  });
}

export function formatValue(value: ProcessValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  return String(value);
}
