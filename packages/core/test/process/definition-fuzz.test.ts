import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../seeded-random.js';
import { FakeClock, launchInstance, parseDefinition } from '../../src/index.js';

const clock = new FakeClock();

const prng = mulberry32;

const original = JSON.parse(
  readFileSync(new URL('./fixtures/car-loan-definition.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const REPLACEMENTS: unknown[] = [
  null,
  0,
  -1,
  1e308,
  '',
  'x',
  'Nope',
  'CreditScore + "x"',
  '(((',
  true,
  [],
  {},
  [1],
  { kind: 'x' },
];

/** Every container (object or array) in the document with its path, so one can be picked at random. */
function containers(
  node: unknown,
  path: (string | number)[] = [],
  out: { node: object; path: (string | number)[] }[] = [],
) {
  if (node !== null && typeof node === 'object') {
    out.push({ node, path });
    for (const [k, v] of Object.entries(node)) containers(v, [...path, Array.isArray(node) ? Number(k) : k], out);
  }
  return out;
}

function mutate(doc: Record<string, unknown>, random: () => number): Record<string, unknown> {
  const copy = structuredClone(doc);
  const all = containers(copy);
  for (let m = 0; m < 1 + Math.floor(random() * 3); m++) {
    const { node } = all[Math.floor(random() * all.length)] as { node: Record<string, unknown> };
    const keys = Object.keys(node);
    const key = keys[Math.floor(random() * keys.length)];
    if (key === undefined) continue;
    if (random() < 0.3) delete node[key];
    else node[key] = structuredClone(REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)]);
  }
  return copy;
}

describe('validating damaged definition documents', () => {
  it('answers issues with bracket paths for 2,000 random mutations, never throws, and launches what passes', () => {
    const random = prng(42);
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const doc = mutate(original, random);
      const parsed = parseDefinition(doc);
      if (parsed.ok) {
        // What validates also runs: a launch ends waiting, in error or finished.
        const step = launchInstance(
          parsed.definition,
          { instanceId: `m${i}`, definitionVersion: 1, originator: null },
          { clock },
        );
        expect(['waiting', 'error', 'completed']).toContain(step.instance.status);
        continue;
      }
      refused += 1;
      expect(parsed.issues.length).toBeGreaterThan(0);
      for (const issue of parsed.issues) {
        expect(issue.path).toMatch(/^([A-Za-z_][\w]*|\[\d+\])?((\.[A-Za-z_$][\w$]*)|(\[\d+\]))*$/);
        expect(issue.message.length).toBeGreaterThan(0);
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });
});
