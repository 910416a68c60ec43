import { fail, ok, type ExpressionResult } from './expression-types.js';

export type TokenKind = 'number' | 'string' | 'typed' | 'identifier' | 'operator' | 'punct' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** For `typed` literals (`currency'12.50'`): the prefix. */
  prefix?: string;
  start: number;
  end: number;
}

/** Longest source accepted: expressions are short, and this bounds parse work. */
export const MAX_EXPRESSION_LENGTH = 4000;

const TWO_CHAR = new Set(['<=', '>=', '!=', '==', '<>', '&&', '||']);
const ONE_CHAR = new Set(['+', '-', '*', '/', '%', '&', '=', '<', '>', '!']);
const PUNCT = new Set(['(', ')', ',', '[', ']']);
export const TYPED_PREFIXES = new Set(['datetime', 'currency', 'user', 'workgroup', 'mailbox']);

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isIdentPart = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** Splits an expression into tokens, or answers the first bad character with its position. */
export function tokenize(source: string): ExpressionResult<Token[]> {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return fail('TOO_COMPLEX', `expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, {
      start: 0,
      end: source.length,
    });
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i += 1;
      continue;
    }
    const scanned = scanToken(source, i);
    if (!scanned.ok) return scanned;
    tokens.push(scanned.value);
    i = scanned.value.end;
  }
  tokens.push({ kind: 'end', text: '', start: source.length, end: source.length });
  return ok(tokens);
}

function scanToken(source: string, i: number): ExpressionResult<Token> {
  const c = source[i];
  if (isDigit(c)) return ok(scanNumber(source, i));
  if (c === '"' || c === "'") return scanString(source, i);
  if (isIdentStart(c)) {
    let j = i + 1;
    while (isIdentPart(source[j])) j += 1;
    const text = source.slice(i, j);
    const next = source[j];
    if (TYPED_PREFIXES.has(text.toLowerCase()) && (next === "'" || next === '"')) {
      const str = scanString(source, j);
      if (!str.ok) return str;
      return ok({ kind: 'typed', text: str.value.text, prefix: text.toLowerCase(), start: i, end: str.value.end });
    }
    return ok({ kind: 'identifier', text, start: i, end: j });
  }
  const two = source.slice(i, i + 2);
  if (TWO_CHAR.has(two)) return ok({ kind: 'operator', text: two, start: i, end: i + 2 });
  if (c !== undefined && ONE_CHAR.has(c)) return ok({ kind: 'operator', text: c, start: i, end: i + 1 });
  if (c !== undefined && PUNCT.has(c)) return ok({ kind: 'punct', text: c, start: i, end: i + 1 });
  return fail('SYNTAX_ERROR', `unexpected character ${JSON.stringify(c)}`, { start: i, end: i + 1 });
}

function scanNumber(source: string, i: number): Token {
  let j = i;
  while (isDigit(source[j])) j += 1;
  if (source[j] === '.' && isDigit(source[j + 1])) {
    j += 1;
    while (isDigit(source[j])) j += 1;
  }
  return { kind: 'number', text: source.slice(i, j), start: i, end: j };
}

/** A string in single or double quotes; a doubled quote or a backslash escapes the next character. */
function scanString(source: string, i: number): ExpressionResult<Token> {
  const quote = source[i];
  let j = i + 1;
  let text = '';
  while (j < source.length) {
    const c = source[j] as string;
    if (c === '\\' && j + 1 < source.length) {
      const n = source[j + 1] as string;
      text += n === 'n' ? '\n' : n === 't' ? '\t' : n;
      j += 2;
    } else if (c === quote && source[j + 1] === quote) {
      text += c;
      j += 2;
    } else if (c === quote) {
      return ok({ kind: 'string', text, start: i, end: j + 1 });
    } else {
      text += c;
      j += 1;
    }
  }
  return fail('SYNTAX_ERROR', 'string is not closed', { start: i, end: source.length });
}
