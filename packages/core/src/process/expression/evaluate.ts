import type { ProcessValue } from '../definition-types.js';
import { fail, ok, type EvaluationEnv, type Expr, type ExpressionResult } from './expression-types.js';
import { FUNCTIONS } from './functions.js';

/** Longest string an expression may build. */
export const MAX_STRING_LENGTH = 1_000_000;

type R = ExpressionResult<ProcessValue>;

/**
 * Evaluates a parsed expression. Checked expressions only fail on values (division by zero, an unset
 * variable, a bad number); unchecked ones may also answer TYPE_MISMATCH. Never throws.
 */
export function evaluateExpression(expr: Expr, env: EvaluationEnv): R {
  switch (expr.kind) {
    case 'literal':
      return ok(expr.value);
    case 'variable': {
      const value = env.lookup(expr.name);
      return value === undefined ? fail('UNKNOWN_VARIABLE', `unknown variable ${expr.name}`, expr) : ok(value);
    }
    case 'list':
      return evaluateList(expr, env);
    case 'unary':
      return evaluateUnary(expr, env);
    case 'binary':
      return expr.op === 'and' || expr.op === 'or' ? evaluateLogical(expr, env) : evaluateBinary(expr, env);
    case 'call':
      return evaluateCall(expr, env);
  }
}

function evaluateList(expr: Expr & { kind: 'list' }, env: EvaluationEnv): R {
  const values: ProcessValue[] = [];
  for (const item of expr.items) {
    const v = evaluateExpression(item, env);
    if (!v.ok) return v;
    values.push(v.value);
  }
  return ok(values);
}

function evaluateUnary(expr: Expr & { kind: 'unary' }, env: EvaluationEnv): R {
  const v = evaluateExpression(expr.operand, env);
  if (!v.ok) return v;
  if (v.value === null) return fail('NO_VALUE', 'value is not set', expr.operand);
  if (expr.op === 'not') {
    return typeof v.value === 'boolean' ? ok(!v.value) : fail('TYPE_MISMATCH', 'not needs a Boolean', expr.operand);
  }
  return typeof v.value === 'number' ? ok(0 - v.value) : fail('TYPE_MISMATCH', '- needs a number', expr.operand);
}

/** `and` / `or` short-circuit: the right side is not evaluated when the left decides. */
function evaluateLogical(expr: Expr & { kind: 'binary' }, env: EvaluationEnv): R {
  const l = evaluateExpression(expr.left, env);
  if (!l.ok) return l;
  if (typeof l.value !== 'boolean') return fail('TYPE_MISMATCH', `${expr.op} needs Booleans`, expr.left);
  if (expr.op === 'and' ? !l.value : l.value) return ok(l.value);
  const r = evaluateExpression(expr.right, env);
  if (!r.ok) return r;
  return typeof r.value === 'boolean' ? r : fail('TYPE_MISMATCH', `${expr.op} needs Booleans`, expr.right);
}

function evaluateBinary(expr: Expr & { kind: 'binary' }, env: EvaluationEnv): R {
  const l = evaluateExpression(expr.left, env);
  if (!l.ok) return l;
  const r = evaluateExpression(expr.right, env);
  if (!r.ok) return r;
  const [a, b] = [l.value, r.value];
  if (expr.op === '=' || expr.op === '!=') return ok(sameValue(a, b) === (expr.op === '='));
  if (a === null) return fail('NO_VALUE', 'value is not set', expr.left);
  if (b === null) return fail('NO_VALUE', 'value is not set', expr.right);
  if (expr.op === '&') {
    if (Array.isArray(a) || Array.isArray(b)) return fail('TYPE_MISMATCH', '& needs single values', expr);
    return text(String(a) + String(b), expr);
  }
  if (typeof a === 'string' && typeof b === 'string') {
    if (expr.op === '+') return text(a + b, expr);
    if (['<', '<=', '>', '>='].includes(expr.op)) return ok(order(expr.op, a < b ? -1 : a > b ? 1 : 0));
  }
  if (typeof a !== 'number' || typeof b !== 'number') {
    return fail('TYPE_MISMATCH', `${expr.op} cannot combine these values`, expr);
  }
  return arithmetic(expr, a, b);
}

function arithmetic(expr: Expr & { kind: 'binary' }, a: number, b: number): R {
  let v: number;
  switch (expr.op) {
    case '+':
      v = a + b;
      break;
    case '-':
      v = a - b;
      break;
    case '*':
      v = a * b;
      break;
    case '/':
    case '%':
      if (b === 0) return fail('DIVISION_BY_ZERO', 'division by zero', expr.right);
      v = expr.op === '/' ? a / b : a % b;
      break;
    default:
      return ok(order(expr.op, a - b));
  }
  if (!Number.isFinite(v) || (Number.isInteger(a) && Number.isInteger(b) && Math.abs(v) > Number.MAX_SAFE_INTEGER)) {
    return fail('OUT_OF_RANGE', 'number is too large', expr);
  }
  return ok(v === 0 ? 0 : v); // no -0: values must survive a JSON round trip
}

function order(op: string, cmp: number): boolean {
  if (op === '<') return cmp < 0;
  if (op === '<=') return cmp <= 0;
  if (op === '>') return cmp > 0;
  return cmp >= 0;
}

function text(s: string, at: Expr): R {
  return s.length > MAX_STRING_LENGTH ? fail('OUT_OF_RANGE', 'text is too long', at) : ok(s);
}

function sameValue(a: ProcessValue, b: ProcessValue): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i] ?? null));
  return a === b;
}

function evaluateCall(expr: Expr & { kind: 'call' }, env: EvaluationEnv): R {
  const spec = FUNCTIONS[expr.name.toLowerCase()];
  if (!spec) return fail('UNKNOWN_FUNCTION', `unknown function ${expr.name}`, expr);
  if (expr.args.length < spec.arity[0] || expr.args.length > spec.arity[1]) {
    return fail('WRONG_ARGUMENTS', `${expr.name} takes ${spec.arity.join(' to ')} arguments`, expr);
  }
  const args: ProcessValue[] = [];
  for (const arg of expr.args) {
    const v = evaluateExpression(arg, env);
    if (!v.ok) return v;
    if (v.value === null && !spec.acceptsNull) return fail('NO_VALUE', 'value is not set', arg);
    args.push(v.value);
  }
  const result = spec.run(args, env.now);
  if (result !== null && typeof result === 'object' && !Array.isArray(result)) {
    return fail('INVALID_VALUE', result.error, expr);
  }
  if (typeof result === 'number' && !Number.isFinite(result)) return fail('INVALID_VALUE', 'not a number', expr);
  return ok(result === 0 ? 0 : result);
}
