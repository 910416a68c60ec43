import {
  fail,
  ok,
  typeName,
  type Expr,
  type ExprType,
  type ExpressionResult,
  type TypeScope,
} from './expression-types.js';
import { FUNCTIONS } from './functions.js';
import { arithmeticType, comparable, isAssignable, isBoolean, isNumeric, isText, scalar } from './type-rules.js';

/** The static type of an expression in a scope, or the first error with its position. */
export function checkExpression(expr: Expr, scope: TypeScope): ExpressionResult<ExprType> {
  switch (expr.kind) {
    case 'literal':
      return ok(expr.type);
    case 'variable': {
      const type = scope(expr.name);
      return type ? ok(type) : fail('UNKNOWN_VARIABLE', `unknown variable ${expr.name}`, expr);
    }
    case 'list':
      return checkList(expr, scope);
    case 'unary':
      return checkUnary(expr, scope);
    case 'binary':
      return checkBinary(expr, scope);
    case 'call':
      return checkCall(expr, scope);
  }
}

function checkList(expr: Expr & { kind: 'list' }, scope: TypeScope): ExpressionResult<ExprType> {
  let element: ExprType = { base: 'Any', list: false };
  for (const item of expr.items) {
    const t = checkExpression(item, scope);
    if (!t.ok) return t;
    if (t.value.list) return fail('TYPE_MISMATCH', 'a list cannot hold lists', item);
    if (element.base === 'Any' || isAssignable(t.value, element)) {
      if (element.base === 'Any') element = t.value;
    } else if (isAssignable(element, t.value)) {
      element = t.value;
    } else {
      return fail('TYPE_MISMATCH', `a list of ${element.base} cannot hold ${typeName(t.value)}`, item);
    }
  }
  return ok({ base: element.base, list: true });
}

function checkUnary(expr: Expr & { kind: 'unary' }, scope: TypeScope): ExpressionResult<ExprType> {
  const t = checkExpression(expr.operand, scope);
  if (!t.ok) return t;
  if (expr.op === 'not') {
    return isBoolean(t.value)
      ? t
      : fail('TYPE_MISMATCH', `not needs a Boolean, not ${typeName(t.value)}`, expr.operand);
  }
  return isNumeric(t.value) ? t : fail('TYPE_MISMATCH', `- needs a number, not ${typeName(t.value)}`, expr.operand);
}

function checkBinary(expr: Expr & { kind: 'binary' }, scope: TypeScope): ExpressionResult<ExprType> {
  const l = checkExpression(expr.left, scope);
  if (!l.ok) return l;
  const r = checkExpression(expr.right, scope);
  if (!r.ok) return r;
  const [a, b] = [l.value, r.value];
  const mismatch = () =>
    fail<ExprType>('TYPE_MISMATCH', `${expr.op} cannot combine ${typeName(a)} and ${typeName(b)}`, expr);
  switch (expr.op) {
    case 'and':
    case 'or':
      return isBoolean(a) && isBoolean(b) ? ok(scalar('Boolean')) : mismatch();
    case '&':
      return a.list || b.list ? mismatch() : ok(scalar('String'));
    case '+':
      if (isText(a) && isText(b)) return ok(scalar('String'));
      return isNumeric(a) && isNumeric(b) ? ok(arithmeticType('+', a, b)) : mismatch();
    case '-':
    case '*':
    case '/':
    case '%':
      return isNumeric(a) && isNumeric(b) ? ok(arithmeticType(expr.op, a, b)) : mismatch();
    case '=':
    case '!=':
      return comparable(a, b, false) ? ok(scalar('Boolean')) : mismatch();
    default:
      return comparable(a, b, true) ? ok(scalar('Boolean')) : mismatch();
  }
}

function checkCall(expr: Expr & { kind: 'call' }, scope: TypeScope): ExpressionResult<ExprType> {
  const spec = FUNCTIONS[expr.name.toLowerCase()];
  if (!spec) return fail('UNKNOWN_FUNCTION', `unknown function ${expr.name}`, expr);
  const types: ExprType[] = [];
  for (const arg of expr.args) {
    const t = checkExpression(arg, scope);
    if (!t.ok) return t;
    types.push(t.value);
  }
  const result = spec.check(types);
  return typeof result === 'string' ? fail('WRONG_ARGUMENTS', result, expr) : ok(result);
}
