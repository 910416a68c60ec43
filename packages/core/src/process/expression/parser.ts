import type { BaseType } from '../definition-types.js';
import {
  fail,
  ok,
  type BinaryOperator,
  type Expr,
  type ExpressionResult,
  type SourceSpan,
} from './expression-types.js';
import { tokenize, type Token } from './lexer.js';

/** Deepest nesting of parentheses, operators and calls; deeper input answers TOO_COMPLEX instead of overflowing. */
export const MAX_EXPRESSION_DEPTH = 64;

const COMPARISON: Record<string, BinaryOperator> = {
  '=': '=',
  '==': '=',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/** Thrown inside the parser only, and always caught by `parseExpression`. */
class ParseFailure extends Error {
  constructor(readonly result: ExpressionResult<never>) {
    super('parse failure');
  }
}

/** Parses an expression into a tree, or answers the first error with its position. Never throws. */
export function parseExpression(source: string): ExpressionResult<Expr> {
  const tokens = tokenize(source);
  if (!tokens.ok) return tokens;
  const parser = new Parser(tokens.value);
  try {
    const expr = parser.expression(0);
    const rest = parser.peek();
    if (rest.kind !== 'end') return fail('SYNTAX_ERROR', `unexpected ${describe(rest)}`, rest);
    return ok(expr);
  } catch (e) {
    if (e instanceof ParseFailure) return e.result;
    throw e;
  }
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'end of expression' : `"${token.text}"`;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.pos] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private next(): Token {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos += 1;
    return token;
  }

  private fail(
    code: 'SYNTAX_ERROR' | 'TOO_COMPLEX' | 'OUT_OF_RANGE' | 'INVALID_VALUE',
    message: string,
    at: SourceSpan,
  ): never {
    throw new ParseFailure(fail(code, message, { start: at.start, end: at.end }));
  }

  private isOp(...texts: string[]): boolean {
    const t = this.peek();
    return (
      (t.kind === 'operator' || t.kind === 'identifier') &&
      texts.includes(t.kind === 'identifier' ? t.text.toLowerCase() : t.text)
    );
  }

  private guard(depth: number): void {
    if (depth > MAX_EXPRESSION_DEPTH) this.fail('TOO_COMPLEX', 'expression is nested too deeply', this.peek());
  }

  expression(depth: number): Expr {
    this.guard(depth);
    let left = this.and(depth + 1);
    while (this.isOp('or', '||')) {
      this.next();
      const right = this.and(depth + 1);
      left = { kind: 'binary', op: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private and(depth: number): Expr {
    let left = this.not(depth + 1);
    while (this.isOp('and', '&&')) {
      this.next();
      const right = this.not(depth + 1);
      left = { kind: 'binary', op: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private not(depth: number): Expr {
    this.guard(depth);
    if (this.isOp('not', '!')) {
      const op = this.next();
      const operand = this.not(depth + 1);
      return { kind: 'unary', op: 'not', operand, start: op.start, end: operand.end };
    }
    return this.comparison(depth + 1);
  }

  private comparison(depth: number): Expr {
    const left = this.additive(depth + 1);
    const t = this.peek();
    const op = t.kind === 'operator' ? COMPARISON[t.text] : undefined;
    if (!op) return left;
    this.next();
    const right = this.additive(depth + 1);
    return { kind: 'binary', op, left, right, start: left.start, end: right.end };
  }

  private additive(depth: number): Expr {
    let left = this.multiplicative(depth + 1);
    while (this.isOp('+', '-', '&')) {
      const op = this.next().text as BinaryOperator;
      const right = this.multiplicative(depth + 1);
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private multiplicative(depth: number): Expr {
    let left = this.unary(depth + 1);
    while (this.isOp('*', '/', '%')) {
      const op = this.next().text as BinaryOperator;
      const right = this.unary(depth + 1);
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(depth: number): Expr {
    this.guard(depth);
    if (this.isOp('-')) {
      const op = this.next();
      const operand = this.unary(depth + 1);
      return { kind: 'unary', op: '-', operand, start: op.start, end: operand.end };
    }
    return this.primary(depth + 1);
  }

  private primary(depth: number): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return this.number(t);
      case 'string':
        return { kind: 'literal', value: t.text, type: { base: 'String', list: false }, start: t.start, end: t.end };
      case 'typed':
        return this.typed(t);
      case 'identifier':
        return this.identifier(t, depth);
      case 'punct':
        if (t.text === '(') {
          const inner = this.expression(depth + 1);
          const close = this.expect(')');
          return { ...inner, start: t.start, end: close.end };
        }
        if (t.text === '[') {
          const items = this.list(']', depth);
          return { kind: 'list', items: items.items, start: t.start, end: items.end };
        }
    }
    return this.fail('SYNTAX_ERROR', `expected a value, found ${describe(t)}`, t);
  }

  private expect(text: string): Token {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== text) this.fail('SYNTAX_ERROR', `expected "${text}", found ${describe(t)}`, t);
    return t;
  }

  private list(close: string, depth: number): { items: Expr[]; end: number } {
    const items: Expr[] = [];
    if (this.peek().kind === 'punct' && this.peek().text === close) return { items, end: this.next().end };
    for (;;) {
      items.push(this.expression(depth + 1));
      const t = this.next();
      if (t.kind === 'punct' && t.text === close) return { items, end: t.end };
      if (t.kind !== 'punct' || t.text !== ',')
        this.fail('SYNTAX_ERROR', `expected "," or "${close}", found ${describe(t)}`, t);
    }
  }

  private number(t: Token): Expr {
    const value = Number(t.text);
    const integer = !t.text.includes('.');
    if (!Number.isFinite(value) || (integer && !Number.isSafeInteger(value))) {
      this.fail('OUT_OF_RANGE', `number ${t.text} is too large`, t);
    }
    return {
      kind: 'literal',
      value,
      type: { base: integer ? 'Integer' : 'Decimal', list: false },
      start: t.start,
      end: t.end,
    };
  }

  private typed(t: Token): Expr {
    const span = { start: t.start, end: t.end };
    if (t.prefix === 'datetime') {
      const ms = Date.parse(t.text);
      if (!/^\d{4}-\d{2}-\d{2}/.test(t.text) || !Number.isFinite(ms))
        this.fail('INVALID_VALUE', `"${t.text}" is not an ISO date-time`, span);
      return { kind: 'literal', value: new Date(ms).toISOString(), type: { base: 'DateTime', list: false }, ...span };
    }
    if (t.prefix === 'currency') {
      const value = Number(t.text);
      if (!/^-?\d{1,15}(\.\d{1,4})?$/.test(t.text) || !Number.isFinite(value))
        this.fail('INVALID_VALUE', `"${t.text}" is not an amount`, span);
      return { kind: 'literal', value: value === 0 ? 0 : value, type: { base: 'Currency', list: false }, ...span };
    }
    const base: BaseType = t.prefix === 'user' ? 'User' : t.prefix === 'workgroup' ? 'Workgroup' : 'Mailbox';
    return { kind: 'literal', value: t.text, type: { base, list: false }, ...span };
  }

  private identifier(t: Token, depth: number): Expr {
    const lower = t.text.toLowerCase();
    if (lower === 'true' || lower === 'false') {
      return {
        kind: 'literal',
        value: lower === 'true',
        type: { base: 'Boolean', list: false },
        start: t.start,
        end: t.end,
      };
    }
    if (['and', 'or', 'not'].includes(lower)) this.fail('SYNTAX_ERROR', `expected a value, found "${t.text}"`, t);
    const open = this.peek();
    if (open.kind === 'punct' && open.text === '(') {
      this.next();
      const args = this.list(')', depth);
      return { kind: 'call', name: t.text, args: args.items, start: t.start, end: args.end };
    }
    return { kind: 'variable', name: t.text, start: t.start, end: t.end };
  }
}
