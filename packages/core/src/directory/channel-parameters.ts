import type { ParameterSpec } from './server-parameters.js';

/**
 * The server parameters of the web chat and callback channels, under the manual's names where it
 * gives one (the WebProcessor's idle parameters), with the manual's defaults and maximums where it
 * gives them (inbound file transfer settings) and our own choices where it leaves them to the
 * administrator (callback snooze time and retries, idle times).

 */
export const CHANNEL_PARAMETERS = {
  EnabledIdleTimeout: {
    type: 'boolean',
    default: true,
    description: 'Whether a web chat customer who stays silent is warned, then disconnected.',
  },
  PartyIdleTime: {
    type: 'integer',
    default: 300,
    min: 10,
    max: 86_400,
    description: 'Seconds a web chat customer may stay silent, while an agent is connected, before being warned.',
  },
  PartyIdleGraceTime: {
    type: 'integer',
    default: 60,
    min: 1,
    max: 86_400,
    description: 'Seconds after the idle warning before the chat is disconnected.',
  },
  IdleWarningMessage: {
    type: 'string',
    default: 'Are you still there? This chat will end soon unless you reply.',
    description: 'The system line a silent web chat customer is warned with.',
  },
  IdleDisconnectMessage: {
    type: 'string',
    default: 'This chat has ended because there was no reply.',
    description: 'The system line written when a silent web chat customer is disconnected.',
  },
  InboundFileTransferEnabled: {
    type: 'boolean',
    default: false,
    description: 'Whether agents may invite web chat visitors to send files (the manual: off by default).',
  },
  InboundFileTransferInviteMinutes: {
    type: 'integer',
    default: 15,
    min: 1,
    max: 300,
    description: 'How long a file transfer invitation stays open.',
  },
  InboundFileTransferAllowedExtensions: {
    type: 'string',
    default: '',
    description: 'File types visitors may send, pipe-separated (pdf|jpg|png); empty allows every type.',
  },
  InboundFileTransferMaxSizeMB: {
    type: 'integer',
    default: 5,
    min: 1,
    max: 150,
    description: 'Largest file a visitor may send, in MB.',
  },
  InboundFileTransferMaxFilesPerInvite: {
    type: 'integer',
    default: 25,
    min: 1,
    max: 25,
    description: 'Most files a visitor may send on one invitation.',
  },
  CallbackRetryLaterEnabled: {
    type: 'boolean',
    default: true,
    description: 'Whether agents may answer a callback with Retry Later.',
  },
  CallbackSnoozeTimeSeconds: {
    type: 'integer',
    default: 600,
    min: 1,
    max: 604_800,
    description: 'How long a callback put back with Retry Later sleeps before the ACD routes it again.',
  },
  CallbackMaxRetryAttempts: {
    type: 'integer',
    default: 3,
    min: 0,
    max: 100,
    description: 'How many times a callback may be put back with Retry Later; one more ends it as failed.',
  },
} as const satisfies Record<string, ParameterSpec>;
