import type { BaseType, ProcessValue } from '../definition-types.js';

export const EXPRESSION_ERROR_CODES = [
  'SYNTAX_ERROR',
  'TOO_COMPLEX',
  'UNKNOWN_VARIABLE',
  'UNKNOWN_FUNCTION',
  'WRONG_ARGUMENTS',
  'TYPE_MISMATCH',
  'DIVISION_BY_ZERO',
  'NO_VALUE',
  'OUT_OF_RANGE',
  'INVALID_VALUE',
] as const;
export type ExpressionErrorCode = (typeof EXPRESSION_ERROR_CODES)[number];

/** Character offsets into the source, end exclusive. */
export interface SourceSpan {
  start: number;
  end: number;
}

/** Every failure of parsing, checking or evaluating is one of these values; nothing throws. */
export interface ExpressionError {
  code: ExpressionErrorCode;
  message: string;
  position: SourceSpan;
}

export type ExpressionResult<T> = { ok: true; value: T } | { ok: false; error: ExpressionError };

/** A static type: a base type (or `Any` for the elements of `[]`), optionally a list. */
export interface ExprType {
  base: BaseType | 'Any';
  list: boolean;
}

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '&' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Expr = SourceSpan &
  (
    | { kind: 'literal'; value: ProcessValue; type: ExprType }
    | { kind: 'list'; items: Expr[] }
    | { kind: 'variable'; name: string }
    | { kind: 'unary'; op: '-' | 'not'; operand: Expr }
    | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr }
    | { kind: 'call'; name: string; args: Expr[] }
  );

/** What the checker knows: the type of each variable in scope. */
export type TypeScope = (name: string) => ExprType | undefined;

/** What the evaluator reads: variable values and the clock's now (epoch ms). */
export interface EvaluationEnv {
  lookup(name: string): ProcessValue | undefined;
  now: number;
}

export function expressionError(code: ExpressionErrorCode, message: string, position: SourceSpan): ExpressionError {
  return { code, message, position };
}

export function fail<T>(code: ExpressionErrorCode, message: string, position: SourceSpan): ExpressionResult<T> {
  return { ok: false, error: { code, message, position } };
}

export function ok<T>(value: T): ExpressionResult<T> {
  return { ok: true, value };
}

export function typeName(type: ExprType): string {
  return type.list ? `List of ${type.base}` : type.base;
}
