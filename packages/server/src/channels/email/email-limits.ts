import type { EmailAddress } from './email-types.js';

/** The manual's subject limit, in characters (Unicode code points, not UTF-16 units). */
export const MAX_SUBJECT_CHARACTERS = 1024;

/** Default largest message the inbound server accepts and the outbound mailer sends: 25 MB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/** Length of a subject as the limit counts it: an emoji is one character, not two. */
export function subjectLength(subject: string): number {
  let count = 0;
  for (const _ of subject) count++;
  return count;
}

/** Cuts a subject to the limit without splitting a surrogate pair. */
export function truncateSubject(subject: string): string {
  if (subject.length <= MAX_SUBJECT_CHARACTERS) return subject;
  return Array.from(subject).slice(0, MAX_SUBJECT_CHARACTERS).join('');
}

/** The form addresses are compared in: trimmed and lower case (domains are case-insensitive, and in
 * practice so are local parts). */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

// Deliberately narrower than RFC 5322 (no quoted local parts, no comments, no spaces): an address an
// agent types must survive every relay, and refusing an exotic one beats a bounce later.
const ADDRESS = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:\\.]+$/;

/** True for an address of the plain `local@domain.tld` form. */
export function isPlainAddress(address: string): boolean {
  return ADDRESS.test(address);
}

/** Keeps the first of each address (compared case-insensitively) and drops the `exclude` ones. */
export function uniqueAddresses(
  addresses: readonly EmailAddress[],
  exclude: ReadonlySet<string> = new Set(),
): EmailAddress[] {
  const seen = new Set(exclude);
  const result: EmailAddress[] = [];
  for (const entry of addresses) {
    const key = normalizeAddress(entry.address);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(entry);
  }
  return result;
}
