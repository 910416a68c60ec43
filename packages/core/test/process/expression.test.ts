import { describe, expect, it } from 'vitest';
import {
  checkExpression,
  evaluateExpression,
  parseExpression,
  type ExprType,
  type ProcessValue,
} from '../../src/index.js';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const types: Record<string, ExprType> = {
  Amount: { base: 'Decimal', list: false },
  Score: { base: 'Integer', list: false },
  Name: { base: 'String', list: false },
  Approved: { base: 'Boolean', list: false },
  Due: { base: 'DateTime', list: false },
  Fee: { base: 'Currency', list: false },
  Agent: { base: 'User', list: false },
  Tags: { base: 'String', list: true },
  Unset: { base: 'String', list: false },
};
const values: Record<string, ProcessValue> = {
  Amount: 12000.5,
  Score: 710,
  Name: 'Ada Lovelace',
  Approved: false,
  Due: '2026-01-10T12:00:00.000Z',
  Fee: 25.5,
  Agent: 'agent1',
  Tags: ['vip', 'loan'],
  Unset: null,
};

function typeOf(source: string) {
  const parsed = parseExpression(source);
  if (!parsed.ok) return parsed;
  return checkExpression(parsed.value, (n) => types[n]);
}

function valueOf(source: string) {
  const parsed = parseExpression(source);
  if (!parsed.ok) return parsed;
  return evaluateExpression(parsed.value, { lookup: (n) => values[n], now: NOW });
}

function ok(source: string): ProcessValue {
  const checked = typeOf(source);
  expect(checked.ok, `${source}: ${JSON.stringify(checked)}`).toBe(true);
  const r = valueOf(source);
  if (!r.ok) throw new Error(`${source}: ${r.error.message}`);
  return r.value;
}

describe('the expression language', () => {
  it('reads literals of every type', () => {
    expect(ok('"text"')).toBe('text');
    expect(ok("'it''s'")).toBe("it's");
    expect(ok('42')).toBe(42);
    expect(ok('4.25')).toBe(4.25);
    expect(ok('true')).toBe(true);
    expect(ok("datetime'2026-01-05T09:00:00Z'")).toBe('2026-01-05T09:00:00.000Z');
    expect(ok("currency'12.50'")).toBe(12.5);
    expect(ok("user'agent1'")).toBe('agent1');
    expect(ok("workgroup'Loans'")).toBe('Loans');
    expect(ok("mailbox'loans@example.com'")).toBe('loans@example.com');
    expect(ok('[1, 2, 3]')).toEqual([1, 2, 3]);
  });

  it('types literals as the manual types them', () => {
    expect(typeOf("currency'1'")).toEqual({ ok: true, value: { base: 'Currency', list: false } });
    expect(typeOf("user'a'")).toEqual({ ok: true, value: { base: 'User', list: false } });
    expect(typeOf('[1, 2.5]')).toEqual({ ok: true, value: { base: 'Decimal', list: true } });
  });

  it('does arithmetic with the usual precedence and keeps whole numbers whole', () => {
    expect(ok('1 + 2 * 3')).toBe(7);
    expect(ok('(1 + 2) * 3')).toBe(9);
    expect(ok('7 % 4 - -1')).toBe(4);
    expect(typeOf('Score + 1')).toEqual({ ok: true, value: { base: 'Integer', list: false } });
    expect(typeOf('Score / 2')).toEqual({ ok: true, value: { base: 'Decimal', list: false } });
    expect(typeOf('Fee * 2')).toEqual({ ok: true, value: { base: 'Currency', list: false } });
  });

  it('compares, combines conditions and joins text', () => {
    expect(ok('Score >= 700 and not Approved')).toBe(true);
    expect(ok('Score < 700 or Name = "Ada Lovelace"')).toBe(true);
    expect(ok('Name <> "x" && Amount > 100')).toBe(true);
    expect(ok('Name & " scored " & Score')).toBe('Ada Lovelace scored 710');
    expect(ok('"a" + "b"')).toBe('ab');
    expect(ok("Due > datetime'2026-01-09T00:00:00Z'")).toBe(true);
    expect(ok('Agent = "agent1"')).toBe(true);
  });

  it('offers a small function library, with now() from the clock', () => {
    expect(ok('len(Name)')).toBe(12);
    expect(ok('len(Tags)')).toBe(2);
    expect(ok('upper(Name)')).toBe('ADA LOVELACE');
    expect(ok('lower("AB")')).toBe('ab');
    expect(ok('contains(Name, "Love")')).toBe(true);
    expect(ok('contains(Tags, "vip")')).toBe(true);
    expect(typeOf('contains(Tags, Agent)')).toEqual({ ok: true, value: { base: 'Boolean', list: false } });
    expect(typeOf('contains(Tags, 1)')).toMatchObject({ ok: false, error: { code: 'WRONG_ARGUMENTS' } });
    expect(ok('now()')).toBe('2026-01-05T09:00:00.000Z');
    expect(ok('addDays(now(), 2)')).toBe('2026-01-07T09:00:00.000Z');
    expect(ok('round(2.675, 2)')).toBe(2.68);
    expect(ok('round(Amount)')).toBe(12001);
    expect(ok('isEmpty(Unset) and not isEmpty(Tags)')).toBe(true);
    expect(ok('toInteger("42") + 1')).toBe(43);
    expect(ok('max(Score, 800)')).toBe(800);
    expect(ok('trim("  x ")')).toBe('x');
  });

  it('refuses type mismatches with the position of the offending part', () => {
    const r = typeOf('Score + "x"');
    expect(r).toMatchObject({ ok: false, error: { code: 'TYPE_MISMATCH', position: { start: 0, end: 11 } } });
    expect(typeOf('not Score')).toMatchObject({ ok: false, error: { code: 'TYPE_MISMATCH', position: { start: 4 } } });
    expect(typeOf('Approved < true')).toMatchObject({ ok: false, error: { code: 'TYPE_MISMATCH' } });
    expect(typeOf('Due + 1')).toMatchObject({ ok: false, error: { code: 'TYPE_MISMATCH' } });
  });

  it('names unknown variables and functions where they stand', () => {
    expect(typeOf('Score + Missing')).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_VARIABLE', position: { start: 8, end: 15 } },
    });
    expect(typeOf('frobnicate(1)')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FUNCTION' } });
    expect(typeOf('len(1, 2)')).toMatchObject({ ok: false, error: { code: 'WRONG_ARGUMENTS' } });
  });

  it('answers syntax errors with their position instead of throwing', () => {
    expect(parseExpression('1 +')).toMatchObject({
      ok: false,
      error: { code: 'SYNTAX_ERROR', position: { start: 3 } },
    });
    expect(parseExpression('(1')).toMatchObject({ ok: false, error: { code: 'SYNTAX_ERROR' } });
    expect(parseExpression('"open')).toMatchObject({
      ok: false,
      error: { code: 'SYNTAX_ERROR', position: { start: 0 } },
    });
    expect(parseExpression('1 $ 2')).toMatchObject({
      ok: false,
      error: { code: 'SYNTAX_ERROR', position: { start: 2 } },
    });
    expect(parseExpression("datetime'yesterday'")).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE' } });
    expect(parseExpression('99999999999999999999')).toMatchObject({ ok: false, error: { code: 'OUT_OF_RANGE' } });
  });

  it('turns deep nesting into TOO_COMPLEX rather than a stack overflow', () => {
    expect(parseExpression('('.repeat(500) + '1' + ')'.repeat(500))).toMatchObject({
      ok: false,
      error: { code: 'TOO_COMPLEX' },
    });
    expect(parseExpression('-'.repeat(1000) + '1')).toMatchObject({ ok: false, error: { code: 'TOO_COMPLEX' } });
    expect(parseExpression('1' + ' + 1'.repeat(2000))).toMatchObject({ ok: false, error: { code: 'TOO_COMPLEX' } });
  });

  it('reports evaluation errors as values with positions', () => {
    expect(valueOf('Score / (Score - 710)')).toMatchObject({
      ok: false,
      error: { code: 'DIVISION_BY_ZERO', position: { start: 8, end: 21 } },
    });
    expect(valueOf('len(Unset)')).toMatchObject({ ok: false, error: { code: 'NO_VALUE', position: { start: 4 } } });
    expect(valueOf('toInteger("ten")')).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE' } });
    expect(valueOf('9007199254740991 + 9007199254740991')).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_RANGE' },
    });
  });

  it('does not evaluate the right side when the left side decides', () => {
    expect(valueOf('false and 1 / 0 = 1')).toEqual({ ok: true, value: false });
    expect(valueOf('true or len(Unset) = 1')).toEqual({ ok: true, value: true });
  });

  it('never reveals a variable value in an error message', () => {
    const r = valueOf('toInteger(Name)');
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('Ada');
  });
});
