import type { BaseType, VariableType } from '../definition-types.js';
import type { BinaryOperator, ExprType } from './expression-types.js';

export const NUMERIC: ReadonlySet<string> = new Set(['Integer', 'Decimal', 'Currency']);
/** Text-like types: ids of users, workgroups and mailboxes are strings too. */
export const TEXT: ReadonlySet<string> = new Set(['String', 'User', 'Workgroup', 'Mailbox']);

export const scalar = (base: BaseType): ExprType => ({ base, list: false });
export const isNumeric = (t: ExprType) => !t.list && NUMERIC.has(t.base);
export const isText = (t: ExprType) => !t.list && TEXT.has(t.base);
export const isBoolean = (t: ExprType) => !t.list && t.base === 'Boolean';
export const isDateTime = (t: ExprType) => !t.list && t.base === 'DateTime';

/** Whether a value of type `from` may be stored in a variable (or parameter) of type `to`. */
export function isAssignable(from: ExprType, to: ExprType | VariableType): boolean {
  if (from.list !== to.list) return false;
  if (from.base === 'Any' || to.base === 'Any' || from.base === to.base) return true;
  if (NUMERIC.has(from.base) && NUMERIC.has(to.base)) return from.base !== 'Decimal' || to.base !== 'Integer';
  return TEXT.has(from.base) && TEXT.has(to.base);
}

/** The arithmetic result: Currency wins, then Decimal; Integer only when both are and the operator keeps it whole. */
export function arithmeticType(op: BinaryOperator, left: ExprType, right: ExprType): ExprType {
  if (left.base === 'Currency' || right.base === 'Currency') return scalar('Currency');
  if (left.base === 'Integer' && right.base === 'Integer' && op !== '/') return scalar('Integer');
  return scalar('Decimal');
}

/** Whether two types may be compared with `=` / `!=` (ordering additionally needs numbers, text or dates). */
export function comparable(left: ExprType, right: ExprType, ordering: boolean): boolean {
  if (left.list || right.list) return !ordering && isAssignable(left, { base: right.base, list: right.list });
  if (isNumeric(left) && isNumeric(right)) return true;
  if (isText(left) && isText(right)) return true;
  if (isDateTime(left) && isDateTime(right)) return true;
  return !ordering && isBoolean(left) && isBoolean(right);
}
