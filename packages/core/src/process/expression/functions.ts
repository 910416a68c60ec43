import type { ProcessValue } from '../definition-types.js';
import type { ExprType } from './expression-types.js';
import { isAssignable, isDateTime, isNumeric, isText, scalar } from './type-rules.js';

/** A function's type rule: the result type for these argument types, or a message saying what is wrong. */
type Check = (args: ExprType[]) => ExprType | string;
/** A function's body over non-null arguments (null arguments answer NO_VALUE before it runs, except for isEmpty). */
type Run = (args: ProcessValue[], now: number) => ProcessValue | { error: string };

export interface FunctionSpec {
  check: Check;
  run: Run;
  /** Fewest and most arguments. */
  arity: [number, number];
  /** Whether null arguments are allowed (isEmpty). */
  acceptsNull?: boolean;
}

const arity = (n: number, name: string, args: ExprType[]) =>
  args.length === n ? undefined : `${name} takes ${n} argument${n === 1 ? '' : 's'}, not ${args.length}`;

const textFn = (name: string, f: (s: string) => ProcessValue): FunctionSpec => ({
  arity: [1, 1],
  check: (args) => arity(1, name, args) ?? (isText(args[0] as ExprType) ? scalar('String') : `${name} needs text`),
  run: ([s]) => f(String(s)),
});

const DAY_MS = 86_400_000;

const addTime = (name: string, unitMs: number): FunctionSpec => ({
  arity: [2, 2],
  check: (args) =>
    arity(2, name, args) ??
    (isDateTime(args[0] as ExprType) && isNumeric(args[1] as ExprType)
      ? scalar('DateTime')
      : `${name} needs a DateTime and a number`),
  run: ([d, n]) => {
    const ms = Date.parse(String(d)) + Number(n) * unitMs;
    if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return { error: 'date is out of range' };
    return new Date(ms).toISOString();
  },
});

const toNumber = (name: string, integer: boolean): FunctionSpec => ({
  arity: [1, 1],
  check: (args) =>
    arity(1, name, args) ??
    (isText(args[0] as ExprType) || isNumeric(args[0] as ExprType)
      ? scalar(integer ? 'Integer' : 'Decimal')
      : `${name} needs text or a number`),
  run: ([v]) => {
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (String(v).trim() === '' || !Number.isFinite(n)) return { error: 'the text is not a number' };
    const result = integer ? Math.trunc(n) : n;
    return integer && !Number.isSafeInteger(result) ? { error: 'number is too large' } : result;
  },
});

const minMax = (name: string, pick: (a: number, b: number) => number): FunctionSpec => ({
  arity: [2, 2],
  check: (args) => {
    const [a, b] = args as [ExprType, ExprType];
    if (args.length !== 2 || !isNumeric(a) || !isNumeric(b)) return `${name} needs two numbers`;
    if (a.base === 'Currency' || b.base === 'Currency') return scalar('Currency');
    return scalar(a.base === 'Integer' && b.base === 'Integer' ? 'Integer' : 'Decimal');
  },
  run: ([a, b]) => pick(Number(a), Number(b)),
});

/** The function library. Names are matched case-insensitively. */
export const FUNCTIONS: Record<string, FunctionSpec> = {
  len: {
    arity: [1, 1],
    check: (args) =>
      arity(1, 'len', args) ??
      ((args[0] as ExprType).list || isText(args[0] as ExprType) ? scalar('Integer') : 'len needs text or a list'),
    run: ([v]) => (Array.isArray(v) ? v.length : String(v).length),
  },
  upper: textFn('upper', (s) => s.toUpperCase()),
  lower: textFn('lower', (s) => s.toLowerCase()),
  trim: textFn('trim', (s) => s.trim()),
  contains: {
    arity: [2, 2],
    check: (args) => {
      const [a, b] = args as [ExprType, ExprType];
      if (args.length !== 2) return `contains takes 2 arguments, not ${args.length}`;
      if (isText(a) && isText(b)) return scalar('Boolean');
      if (a.list && !b.list && isAssignable(b, { base: a.base, list: false })) return scalar('Boolean');
      return 'contains needs two texts, or a list and an item of its type';
    },
    run: ([a, b]) => (Array.isArray(a) ? a.some((x) => x === b) : String(a).includes(String(b))),
  },
  isempty: {
    arity: [1, 1],
    check: (args) => arity(1, 'isEmpty', args) ?? scalar('Boolean'),
    run: ([v]) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0),
    acceptsNull: true,
  },
  now: {
    arity: [0, 0],
    check: (args) => arity(0, 'now', args) ?? scalar('DateTime'),
    run: (_args, now) => new Date(now).toISOString(),
  },
  adddays: addTime('addDays', DAY_MS),
  addminutes: addTime('addMinutes', 60_000),
  round: {
    arity: [1, 2],
    check: (args) => {
      if (args.length < 1 || args.length > 2 || !isNumeric(args[0] as ExprType)) return 'round needs a number';
      if (args.length === 2 && (args[1] as ExprType).base !== 'Integer') return 'round needs a whole number of digits';
      return args.length === 1
        ? scalar('Integer')
        : scalar((args[0] as ExprType).base === 'Currency' ? 'Currency' : 'Decimal');
    },
    run: ([x, digits]) => {
      const d = digits === undefined ? 0 : Number(digits);
      if (d < 0 || d > 10) return { error: 'digits must be between 0 and 10' };
      const f = 10 ** d;
      const r = Math.round(Number(x) * f) / f;
      return Number.isFinite(r) && (d > 0 || Number.isSafeInteger(r)) ? r : { error: 'number is too large' };
    },
  },
  abs: {
    arity: [1, 1],
    check: (args) =>
      arity(1, 'abs', args) ?? (isNumeric(args[0] as ExprType) ? (args[0] as ExprType) : 'abs needs a number'),
    run: ([x]) => Math.abs(Number(x)),
  },
  tostring: {
    arity: [1, 1],
    check: (args) =>
      arity(1, 'toString', args) ?? ((args[0] as ExprType).list ? 'toString needs a single value' : scalar('String')),
    run: ([v]) => String(v),
  },
  tointeger: toNumber('toInteger', true),
  todecimal: toNumber('toDecimal', false),
  min: minMax('min', Math.min),
  max: minMax('max', Math.max),
};
