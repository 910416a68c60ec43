import type { ParameterSpec } from './server-parameters.js';

/**
 * Server parameters of the email channel. The manual sets no retention for stored email; bodies and
 * files are what grows, so they are kept for a while after the interaction ends and then removed,
 * leaving the headers (sender, recipients, subject, dates, file names) for the record.
 */
export const EMAIL_PARAMETERS = {
  EmailBodyRetentionDays: {
    type: 'integer',
    default: 90,
    min: 0,
    max: 36_500,
    description:
      'Days the bodies and attachments of a finished email interaction (received or sent) are kept; 0 keeps them for ever.',
  },
} as const satisfies Record<string, ParameterSpec>;
