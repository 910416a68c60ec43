import { z } from 'zod';
import { entityId } from '../directory/primitives.js';

/**
 * The limits on response items. From the manual: the seven characters a shortcut must not hold
 * (they stop the shortcut working), one file per response, and no `.exe`, `.sh` or `.js` files.
 * The rest are Tandem's choices, each said so below.
 */

/** The manual's forbidden shortcut characters. */
export const SHORTCUT_FORBIDDEN_CHARACTERS = ['~', '!', '?', '*', '^', '\\', '.'] as const;

/**
 * Besides letters, combining marks and digits of any script (IME users type shortcuts too), the
 * punctuation a shortcut may hold. Ours: narrower than "anything but the manual's seven", because
 * a shortcut is the word before the caret (no spaces), sits inside `[Response:...]` (no brackets)
 * and in a URL path (no slash); widening later breaks nothing, narrowing would.
 */
export const SHORTCUT_PUNCTUATION = "_-#@$%&+=:,'()";
export const SHORTCUT_MAX_LENGTH = 50;
const SHORTCUT_CHARACTER = /^[\p{L}\p{M}\p{N}]$/u;

/** The first character of `shortcut` that may not be in one, or undefined. */
export function badShortcutCharacter(shortcut: string): string | undefined {
  for (const ch of shortcut) if (!SHORTCUT_CHARACTER.test(ch) && !SHORTCUT_PUNCTUATION.includes(ch)) return ch;
  return undefined;
}

function describeCharacter(ch: string): string {
  if (/\s/u.test(ch)) return 'a space';
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code < 0xa0) ? 'a control character' : `'${ch}'`;
}

export const responseShortcut = z
  .string()
  .min(1, 'must not be empty')
  .max(SHORTCUT_MAX_LENGTH, `must be at most ${SHORTCUT_MAX_LENGTH} characters`)
  .superRefine((value, ctx) => {
    const bad = badShortcutCharacter(value);
    if (bad !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: `must not hold ${describeCharacter(bad)}: a shortcut holds letters, digits and ${SHORTCUT_PUNCTUATION.split('').join(' ')} (the manual forbids ${SHORTCUT_FORBIDDEN_CHARACTERS.join(' ')})`,
      });
  });

/** The manual's forbidden file types for stored response files, as lower-case extensions. */
export const FORBIDDEN_FILE_EXTENSIONS = ['exe', 'sh', 'js'] as const;

/**
 * Largest stored response file. The manual sets none for response files; ours is its default
 * limit for files sent in a chat (5 MB), since response files go to web chat visitors.
 */
export const RESPONSE_FILE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The extension a file name really ends in: Windows drops trailing dots and spaces, so
 * `setup.exe. ` runs as `setup.exe`.
 */
export function fileExtensionOf(filename: string): string {
  const trimmed = filename.replace(/[. ]+$/, '');
  const dot = trimmed.lastIndexOf('.');
  return dot < 0 ? '' : trimmed.slice(dot + 1).toLowerCase();
}

export const responseFileName = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[^/\\\p{Cc}]+$/u, 'must be a file name without a path or control characters')
  .refine(
    (name) => !(FORBIDDEN_FILE_EXTENSIONS as readonly string[]).includes(fileExtensionOf(name)),
    `must not be a .${FORBIDDEN_FILE_EXTENSIONS.join(', .')} file (the manual forbids them in responses)`,
  );

/** The one stored file of a file response; the bytes live in the attachment store. */
export const responseFile = z.strictObject({
  attachmentId: entityId,
  filename: responseFileName,
  contentType: z
    .string()
    .max(200, 'must be at most 200 characters')
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type such as application/pdf')
    .default('application/octet-stream'),
  size: z
    .int('must be a whole number of bytes')
    .min(1, 'must not be empty: a 0-byte file cannot be sent')
    .max(RESPONSE_FILE_MAX_BYTES, `must be at most ${RESPONSE_FILE_MAX_BYTES} bytes (5 MB)`),
});

/** A label: one word (the manual's labels are a space-separated list). */
export const responseLabel = z
  .string()
  .min(1, 'must not be empty')
  .max(50, 'must be at most 50 characters')
  .regex(/^\S+$/u, 'must be one word without spaces');
