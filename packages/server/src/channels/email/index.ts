export * from './email-types.js';
export {
  DEFAULT_MAX_MESSAGE_BYTES,
  MAX_SUBJECT_CHARACTERS,
  isPlainAddress,
  normalizeAddress,
  subjectLength,
} from './email-limits.js';
export * from './inbound-smtp.js';
export { InboundEmailRejection, checkInboundLimits, parseInboundEmail, type InboundEnvelope } from './parse-inbound.js';
export * from './outbound-smtp.js';
export * from './reply.js';
export * from './sanitize-html.js';
