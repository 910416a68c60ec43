import type { ResponseItem } from '../directory/schemas.js';
import { escapeHtml, foldText } from './fold-text.js';

/**
 * Response macros, as the manual describes them: `[field:data]`, data optional.
 * - system: `[UserName]` (the user's display name), `[Date]` and `[Time]` (short forms in the
 *   user's locale);
 * - attribute: `[Attribute:Name]`, the interaction's attribute, only where the user may see it
 *   (Substitute Queue Columns); otherwise the macro stays as it is, as the manual says;
 * - response: `[Response:shortcut]`, another response with its own macros expanded; with several
 *   responses under one shortcut, the first found.
 * Field names are matched without regard to case. What cannot be replaced stays in the text as
 * written (the agent sees it before sending) and is listed in `unresolved`.
 */

/** Finds the response a `[Response:shortcut]` names: the first one with that shortcut, or undefined. */
export type ResponseLookup = (shortcut: string) => ResponseItem | undefined;

export interface MacroContext {
  user: { id: string; displayName: string };
  /** The interaction's attributes; absent when the text is used outside an interaction. */
  attributes?: Readonly<Record<string, string>> | undefined;
  /** Epoch milliseconds, from the Clock. */
  now: number;
  /** BCP 47 locale of the short date and time; default `en-US`. Throws RangeError when invalid. */
  locale?: string | undefined;
  /** IANA time zone of the date and time; default `UTC`. Throws RangeError when invalid. */
  timeZone?: string | undefined;
  /** Whether the user may see an attribute (the manual's Substitute Queue Columns); default: every one. */
  canSubstituteAttribute?: ((name: string) => boolean) | undefined;
  /**
   * `html` escapes substituted values (an attribute a website sent must not open a tag) and inserts
   * URL responses as links; `text` inserts values as they are. Default `text`.
   */
  format?: 'text' | 'html' | undefined;
  /** How deep responses may nest in responses; default 5. */
  maxDepth?: number | undefined;
  /** How many characters substitutions may add in all; default 100,000. */
  maxAdded?: number | undefined;
  /** How many responses one expansion may insert; default 200. */
  maxResponses?: number | undefined;
}

export type UnresolvedReason =
  | 'unknown-macro'
  | 'attribute-missing'
  | 'attribute-not-permitted'
  | 'response-not-found'
  | 'response-not-text'
  | 'response-cycle'
  | 'response-too-deep'
  | 'too-long';

export interface UnresolvedMacro {
  /** The macro as written, e.g. `[Attribute:Eic_RemoteName]`. */
  macro: string;
  reason: UnresolvedReason;
}

export interface Expansion {
  text: string;
  unresolved: UnresolvedMacro[];
}

const MACRO = /\[([A-Za-z]+)(?::([^[\]\r\n]*))?\]/g;

export const MACRO_DEFAULTS = {
  locale: 'en-US',
  timeZone: 'UTC',
  maxDepth: 5,
  maxAdded: 100_000,
  maxResponses: 200,
} as const;

/**
 * Replaces the macros of `text`. Substituted values (user name, attributes, dates) are never read
 * for macros again, so a customer cannot smuggle `[Response:...]` in through an attribute; only a
 * stored response's own text is. Never throws for what the text holds; throws RangeError for an
 * invalid `locale` or `timeZone`.
 */
export function expandMacros(text: string, context: MacroContext, lookupResponse: ResponseLookup): Expansion {
  const expander = new Expander(context, lookupResponse);
  return { text: expander.expand(text, []), unresolved: expander.unresolved };
}

class Expander {
  readonly unresolved: UnresolvedMacro[] = [];
  private added = 0;
  private responses = 0;
  private readonly html: boolean;
  private readonly maxDepth: number;
  private readonly maxAdded: number;
  private readonly maxResponses: number;

  constructor(
    private readonly context: MacroContext,
    private readonly lookup: ResponseLookup,
  ) {
    this.html = context.format === 'html';
    this.maxDepth = context.maxDepth ?? MACRO_DEFAULTS.maxDepth;
    this.maxAdded = context.maxAdded ?? MACRO_DEFAULTS.maxAdded;
    this.maxResponses = context.maxResponses ?? MACRO_DEFAULTS.maxResponses;
  }

  /** `stack`: the folded shortcuts of the responses being expanded, outermost first. */
  expand(text: string, stack: readonly string[]): string {
    return text.replace(MACRO, (macro, field: string, data: string | undefined) =>
      this.replace(macro, field.toLowerCase(), (data ?? '').trim(), stack),
    );
  }

  private replace(macro: string, field: string, data: string, stack: readonly string[]): string {
    switch (field) {
      case 'username':
        return this.value(macro, this.context.user.displayName);
      case 'date':
        return this.value(macro, this.format({ year: 'numeric', month: 'numeric', day: 'numeric' }));
      case 'time':
        return this.value(macro, this.format({ timeStyle: 'short' }));
      case 'attribute':
        return this.attribute(macro, data);
      case 'response':
        return this.response(macro, data, stack);
      default:
        return this.leave(macro, 'unknown-macro');
    }
  }

  private attribute(macro: string, name: string): string {
    const attributes = this.context.attributes ?? {};
    if (name === '' || !Object.hasOwn(attributes, name)) return this.leave(macro, 'attribute-missing');
    if (this.context.canSubstituteAttribute && !this.context.canSubstituteAttribute(name))
      return this.leave(macro, 'attribute-not-permitted');
    return this.value(macro, attributes[name] ?? '');
  }

  private response(macro: string, shortcut: string, stack: readonly string[]): string {
    const key = foldText(shortcut);
    if (stack.includes(key)) return this.leave(macro, 'response-cycle');
    if (stack.length >= this.maxDepth) return this.leave(macro, 'response-too-deep');
    const item = shortcut === '' ? undefined : this.lookup(shortcut);
    if (!item) return this.leave(macro, 'response-not-found');
    if (this.responses >= this.maxResponses) return this.leave(macro, 'too-long');
    this.responses += 1;
    if (item.type === 'url' && item.url !== undefined) {
      const link = this.html ? `<a href="${escapeHtml(item.url)}">${escapeHtml(item.text ?? item.url)}</a>` : item.url;
      return this.insert(macro, link);
    }
    if (item.type !== 'message' || item.text === undefined) return this.leave(macro, 'response-not-text');
    // The stored text counts against the budget before its macros are expanded; what they add counts by itself.
    if (!this.reserve(item.text.length)) return this.leave(macro, 'too-long');
    // Stored text is trusted content: its own macros are expanded, one level deeper.
    return this.expand(item.text, [...stack, key]);
  }

  private format(options: Intl.DateTimeFormatOptions): string {
    const { locale = MACRO_DEFAULTS.locale, timeZone = MACRO_DEFAULTS.timeZone } = this.context;
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(this.context.now);
  }

  /** A substituted value: escaped for HTML, never expanded again. */
  private value(macro: string, value: string): string {
    return this.insert(macro, this.html ? escapeHtml(value) : value);
  }

  private insert(macro: string, text: string): string {
    return this.reserve(text.length) ? text : this.leave(macro, 'too-long');
  }

  private reserve(length: number): boolean {
    if (this.added + length > this.maxAdded) return false;
    this.added += length;
    return true;
  }

  private leave(macro: string, reason: UnresolvedReason): string {
    this.unresolved.push({ macro, reason });
    return macro;
  }
}

/** Whether `locale` is a BCP 47 tag `Intl` accepts (for `[Date]` and `[Time]`). */
export function isValidLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}

/** Whether `timeZone` is an IANA zone `Intl` knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
