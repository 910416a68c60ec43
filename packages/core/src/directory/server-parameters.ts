import { TandemError } from '../errors.js';
import { CHANNEL_PARAMETERS } from './channel-parameters.js';
import { EMAIL_PARAMETERS } from './email-parameters.js';
import { INTERACTION_PARAMETERS } from './interaction-parameters.js';

export type ParameterValue = string | number | boolean;

export interface ParameterSpec {
  type: 'integer' | 'boolean' | 'string';
  default: ParameterValue;
  min?: number;
  max?: number;
  /** Strings only: the values allowed. */
  values?: readonly string[];
  /** Strings only: a form the value must have, and what to say when it has not. */
  pattern?: RegExp;
  patternMessage?: string;
  description: string;
}

/**
 * Known server parameters, under the names the manuals give them so that their users find them.
 * Values outside this catalogue may be stored too (handlers read arbitrary parameters); they are
 * strings unless the client says otherwise.
 */
export const SERVER_PARAMETERS: Record<string, ParameterSpec> = {
  InteractionConnectDefaultQueueLimit: {
    type: 'integer',
    default: 50,
    min: 1,
    max: 200,
    description: 'Interactions a queue view shows when the client asks for no limit.',
  },
  InteractionConnectMaxQueueLimit: {
    type: 'integer',
    default: 200,
    min: 1,
    max: 5000,
    description: 'Most interactions a queue view may show.',
  },
  PasswordMinimumLength: { type: 'integer', default: 8, min: 1, max: 128, description: 'Shortest password accepted.' },
  PasswordExpiryDays: {
    type: 'integer',
    default: 0,
    min: 0,
    max: 3650,
    description: 'Days after which a password must be changed at the next logon; 0 means never.',
  },
  LogonMaxFailedAttempts: {
    type: 'integer',
    default: 5,
    min: 1,
    max: 100,
    description: 'Failed logons in a row after which the account is locked for a while.',
  },
  LogonLockoutSeconds: {
    type: 'integer',
    default: 60,
    min: 1,
    max: 86400,
    description: 'First lock-out after too many failed logons; doubles with each further failure, up to 64 times.',
  },
  SessionTimeoutSeconds: {
    type: 'integer',
    default: 1800,
    min: 30,
    max: 604800,
    description: 'A session with no request and no open event stream for this long ends and gives back its licence.',
  },
  AccountCodesEnabled: { type: 'boolean', default: false, description: 'Whether agents may assign account codes.' },
  'Call History Max Time': {
    type: 'integer',
    default: 24,
    min: 1,
    max: 720,
    description: 'Hours of call history kept per user.',
  },
  PAS_DepthThreshold: {
    type: 'integer',
    // The reference gives no default nor range: 10 levels, and at most 100, keep a runaway
    // recursion from filling the flows table before it is stopped.
    default: 10,
    min: 1,
    max: 100,
    description: 'Deepest nesting of subprocesses.',
  },
  PAS_LoadBalanceThreshold: {
    type: 'integer',
    // The reference's default, and its minimum: it says not to set the parameter under 1000.
    default: 5000,
    min: 1000,
    max: 1_000_000,
    description: 'Running instances past which a process engine node shares new launches.',
  },
  PAS_blockLaunchDuringRestore: {
    type: 'boolean',
    default: false,
    description: 'Hold new launches until restore ends.',
  },
  PAS_HandlerResponseTimeout: {
    type: 'integer',
    // The reference: not set is 30 s, 0 waits without limit; it names no maximum (a day here).
    default: 30,
    min: 0,
    max: 86400,
    description: 'Seconds a migrated handler action may take; 0 waits without limit.',
  },
  'PAS Maximum Monitored Flows': {
    type: 'integer',
    // The reference's default and minimum; it names no maximum.
    default: 5000,
    min: 100,
    max: 1_000_000,
    description: 'Most process instances a monitor filter may match.',
  },
  ...CHANNEL_PARAMETERS,
  ...INTERACTION_PARAMETERS,
  ...EMAIL_PARAMETERS,
};

/** Checks a value against the catalogue; answers the value to store or throws naming `value`. */
export function validateParameter(name: string, value: ParameterValue): ParameterValue {
  const spec = SERVER_PARAMETERS[name];
  if (!spec) return value;
  const fail = (message: string) =>
    new TandemError('VALIDATION_FAILED', `value: ${message}`, { issues: [{ path: 'value', message }] });
  if (spec.type === 'boolean') {
    if (typeof value !== 'boolean') throw fail(`${name} must be true or false`);
    return value;
  }
  if (spec.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw fail(`${name} must be a whole number`);
    if (spec.min !== undefined && value < spec.min) throw fail(`${name} must be at least ${spec.min}`);
    if (spec.max !== undefined && value > spec.max) throw fail(`${name} must be at most ${spec.max}`);
    return value;
  }
  if (typeof value !== 'string') throw fail(`${name} must be a string`);
  if (spec.values && !spec.values.includes(value)) throw fail(`${name} must be one of ${spec.values.join(', ')}`);
  if (spec.pattern && !spec.pattern.test(value)) throw fail(`${name} ${spec.patternMessage ?? 'has the wrong form'}`);
  return value;
}
