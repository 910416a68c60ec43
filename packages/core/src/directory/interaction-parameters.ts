import type { ParameterSpec } from './server-parameters.js';

/**
 * Server parameters of interaction handling. The manual has the administrator set a maximum hold
 * time (fifteen minutes by default) and what happens once it is exceeded: disconnect by default,
 * or, in its example, a transfer to another queue. It gives no parameter names; these follow the
 * catalogue's style.
 */
export const INTERACTION_PARAMETERS = {
  MaxHoldTimeMinutes: {
    type: 'integer',
    default: 15,
    min: 1,
    max: 1440,
    description: 'Minutes an interaction may stay on hold before the maximum hold time action applies.',
  },
  MaxHoldTimeAction: {
    type: 'string',
    default: 'disconnect',
    values: ['disconnect', 'transfer'],
    description: 'What happens to an interaction held past MaxHoldTimeMinutes: disconnect, or transfer.',
  },
  MaxHoldTimeTransferQueue: {
    type: 'string',
    default: '',
    pattern: /^$|^(workgroup|user):.+$/,
    patternMessage: 'must be workgroup:<id> or user:<id>',
    description:
      'Where the transfer action sends a held interaction: workgroup:<id> or user:<id>. When it names no existing queue, the interaction is disconnected.',
  },
} as const satisfies Record<string, ParameterSpec>;
