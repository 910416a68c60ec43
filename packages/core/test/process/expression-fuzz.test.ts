import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../seeded-random.js';
import {
  EXPRESSION_ERROR_CODES,
  checkExpression,
  evaluateExpression,
  parseExpression,
  type ExpressionResult,
  type ProcessValue,
} from '../../src/index.js';

const prng = mulberry32;

const ALPHABET = 'abcXYZ_019 .,()[]"\'+-*/%&=<>!#$@\\\n\t€é';
const TOKENS = [
  '1',
  '0',
  '2.5',
  '9007199254740993',
  '"s"',
  "'q'",
  'true',
  'false',
  'Score',
  'Name',
  'Tags',
  'Unset',
  'Missing',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '=',
  '!=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  'not',
  '&&',
  '||',
  '!',
  '(',
  ')',
  '[',
  ']',
  ',',
  'len(',
  'upper(',
  'contains(',
  'now()',
  'addDays(',
  'round(',
  'isEmpty(',
  'toInteger(',
  "datetime'2026-01-05T09:00:00Z'",
  "currency'1.5'",
  "user'u'",
  "datetime'x'",
  '"',
  "'",
  'min(',
  'abs(',
];
const values: Record<string, ProcessValue> = { Score: 7, Name: 'n', Tags: ['a'], Unset: null };
const types = {
  Score: { base: 'Integer', list: false },
  Name: { base: 'String', list: false },
  Tags: { base: 'String', list: true },
  Unset: { base: 'String', list: false },
} as const;

function expectWellFormed<T>(result: ExpressionResult<T>, source: string): void {
  if (result.ok) return;
  expect(EXPRESSION_ERROR_CODES, source).toContain(result.error.code);
  expect(typeof result.error.message, source).toBe('string');
  expect(result.error.position.start, source).toBeGreaterThanOrEqual(0);
  expect(result.error.position.end, source).toBeGreaterThanOrEqual(result.error.position.start);
  expect(result.error.position.end, source).toBeLessThanOrEqual(source.length);
}

/** Parses, checks and evaluates: each stage answers a value or a typed error and never throws. */
function exercise(source: string): 'value' | 'error' {
  const parsed = parseExpression(source);
  expectWellFormed(parsed, source);
  if (!parsed.ok) return 'error';
  const checked = checkExpression(parsed.value, (n) => types[n as keyof typeof types]);
  expectWellFormed(checked, source);
  const evaluated = evaluateExpression(parsed.value, { lookup: (n) => values[n], now: 0 });
  expectWellFormed(evaluated, source);
  if (evaluated.ok) expect(JSON.parse(JSON.stringify(evaluated.value))).toEqual(evaluated.value);
  return evaluated.ok ? 'value' : 'error';
}

describe('the expression parser under random input', () => {
  it('answers a value or a typed error for 5,000 random strings', () => {
    const random = prng(20261121);
    for (let i = 0; i < 5000; i++) {
      const length = Math.floor(random() * 40);
      let source = '';
      for (let j = 0; j < length; j++) source += ALPHABET[Math.floor(random() * ALPHABET.length)];
      exercise(source);
    }
  });

  it('answers a value or a typed error for 10,000 random token sequences, some of which evaluate', () => {
    const random = prng(7);
    const outcomes = { value: 0, error: 0 };
    for (let i = 0; i < 10_000; i++) {
      const length = 1 + Math.floor(random() * 12);
      const parts: string[] = [];
      for (let j = 0; j < length; j++) parts.push(TOKENS[Math.floor(random() * TOKENS.length)] as string);
      outcomes[exercise(parts.join(random() < 0.5 ? ' ' : ''))] += 1;
    }
    // The generator reaches both outcomes, so the test exercises the evaluator, not just the parser.
    expect(outcomes.value).toBeGreaterThan(200);
    expect(outcomes.error).toBeGreaterThan(200);
  });

  it('answers quickly for long and deeply nested input (no hang, no stack overflow)', () => {
    const random = prng(99);
    for (let i = 0; i < 200; i++) {
      const depth = 1 + Math.floor(random() * 3000);
      const open = random() < 0.5 ? '(' : 'not ';
      exercise(open.repeat(depth) + '1' + (open === '(' ? ')'.repeat(depth) : ''));
      exercise('1' + ' * 2'.repeat(Math.floor(random() * 1500)));
    }
  });
});
