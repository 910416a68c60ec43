import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '@tandem/core';
import { describe, expect, it } from 'vitest';
import { HTTP_STATUS } from '../src/http/error-map.js';

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
const headings = [...doc.matchAll(/^## ([A-Z_]+)$/gm)].map((m) => m[1]);

describe('docs/errors.md', () => {
  it('has a heading for every error code, and none for codes that do not exist', () => {
    expect([...headings].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('states the HTTP status the server maps each code to', () => {
    for (const code of ERROR_CODES) {
      const section = doc.split(`## ${code}\n`)[1]?.split('\n## ')[0] ?? '';
      expect(
        section.trim().startsWith(`${HTTP_STATUS[code]}.`),
        `${code} should start with ${HTTP_STATUS[code]}.`,
      ).toBe(true);
    }
  });
});
