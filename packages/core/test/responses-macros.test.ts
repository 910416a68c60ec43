import { describe, expect, it } from 'vitest';
import {
  expandMacros,
  isValidLocale,
  isValidTimeZone,
  resolveShortcut,
  type MacroContext,
  type ResponseItem,
  type ResponseLibraryLike,
} from '../src/index.js';

const SEPT_15_2015_AT_1405_UTC = Date.UTC(2015, 8, 15, 14, 5);

const aContext = (extra: Partial<MacroContext> = {}): MacroContext => ({
  user: { id: 'agent1', displayName: 'Mary Jones' },
  now: SEPT_15_2015_AT_1405_UTC,
  ...extra,
});

let itemNumber = 0;
const aMessage = (shortcut: string, text: string): ResponseItem => ({
  id: `item-${(itemNumber += 1)}`,
  type: 'message',
  name: `Message ${itemNumber}`,
  shortcut,
  text,
});

const aLibrary = (id: string, items: ResponseItem[]): ResponseLibraryLike => ({
  id,
  displayName: id,
  scope: 'system',
  items,
});

/** A lookup over libraries, the way the server resolves `[Response:...]`. */
const lookupIn =
  (...libraries: ResponseLibraryLike[]) =>
  (shortcut: string) =>
    resolveShortcut(libraries, shortcut);
const noResponses = () => undefined;

describe('system macros', () => {
  it("replaces [UserName] with the logged-on user's display name", () => {
    const result = expandMacros('My name is [UserName].', aContext(), noResponses);
    expect(result).toEqual({ text: 'My name is Mary Jones.', unresolved: [] });
  });

  it('writes [Date] as the short date of the US locale and UTC unless told otherwise', () => {
    expect(expandMacros('Today is [Date], how can I help you?', aContext(), noResponses).text).toBe(
      'Today is 9/15/2015, how can I help you?',
    );
  });

  it("writes [Date] and [Time] in the user's locale and time zone", () => {
    const context = aContext({ locale: 'de-DE', timeZone: 'Europe/Berlin' });
    expect(expandMacros('[Date] [Time]', context, noResponses).text).toBe('15.9.2015 16:05');
  });

  it('takes the time from the context, not from the machine', () => {
    const later = aContext({ now: Date.UTC(2030, 0, 2, 3, 4), locale: 'en-GB' });
    expect(expandMacros('[Date] [Time]', later, noResponses).text).toBe('02/01/2030 03:04');
  });

  it('matches macro names without regard to case', () => {
    expect(
      expandMacros(
        '[username] [USERNAME] [attribute:Eic_RemoteName]',
        aContext({ attributes: { Eic_RemoteName: 'John Smith' } }),
        noResponses,
      ).text,
    ).toBe('Mary Jones Mary Jones John Smith');
  });

  it('tells which locales and time zones it can write dates in', () => {
    expect(isValidLocale('de-DE')).toBe(true);
    expect(isValidLocale('not a locale!')).toBe(false);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('attribute macros', () => {
  it("replaces [Attribute:Name] with the interaction's attribute", () => {
    const context = aContext({ attributes: { Eic_RemoteName: 'John Smith' } });
    expect(expandMacros('Hello, [Attribute:Eic_RemoteName]. How can I help you?', context, noResponses).text).toBe(
      'Hello, John Smith. How can I help you?',
    );
  });

  it('leaves the macro as written when the user may not see that attribute, and says why', () => {
    const context = aContext({
      attributes: { Eic_RemoteName: 'John Smith', Account: '42' },
      canSubstituteAttribute: (name) => name === 'Account',
    });
    expect(expandMacros('[Attribute:Eic_RemoteName] owns [Attribute:Account]', context, noResponses)).toEqual({
      text: '[Attribute:Eic_RemoteName] owns 42',
      unresolved: [{ macro: '[Attribute:Eic_RemoteName]', reason: 'attribute-not-permitted' }],
    });
  });

  it('leaves the macro as written when the interaction has no such attribute, or there is no interaction', () => {
    const withOther = aContext({ attributes: { Other: 'x' } });
    expect(expandMacros('Hi [Attribute:Missing]', withOther, noResponses).unresolved).toEqual([
      { macro: '[Attribute:Missing]', reason: 'attribute-missing' },
    ]);
    expect(expandMacros('Hi [Attribute:Missing]', aContext(), noResponses).text).toBe('Hi [Attribute:Missing]');
  });

  it('substitutes an attribute that is present but empty', () => {
    expect(expandMacros('<[Attribute:Note]>', aContext({ attributes: { Note: '' } }), noResponses).text).toBe('<>');
  });

  it('does not take an attribute from the prototype of the attribute map', () => {
    expect(expandMacros('[Attribute:constructor]', aContext({ attributes: {} }), noResponses).unresolved).toEqual([
      { macro: '[Attribute:constructor]', reason: 'attribute-missing' },
    ]);
  });

  it('never reads a substituted value for macros: a website cannot smuggle a response in through an attribute', () => {
    const secret = aLibrary('internal', [aMessage('secret', 'the internal escalation number')]);
    const context = aContext({ attributes: { WebTools_Name: '[Response:secret] [UserName]' } });
    expect(expandMacros('Hello [Attribute:WebTools_Name]', context, lookupIn(secret))).toEqual({
      text: 'Hello [Response:secret] [UserName]',
      unresolved: [],
    });
  });

  it('escapes substituted values when the text is HTML', () => {
    const context = aContext({ attributes: { WebTools_Name: '<img src=x onerror=alert(1)>' }, format: 'html' });
    expect(expandMacros('<p>Hello [Attribute:WebTools_Name]</p>', context, noResponses).text).toBe(
      '<p>Hello &lt;img src=x onerror=alert(1)&gt;</p>',
    );
  });
});

describe('response macros', () => {
  it("inserts another response by its shortcut, with that response's own macros expanded (the manual's example)", () => {
    const library = aLibrary('Chat', [aMessage('signoff', 'Again, my name is [UserName]. Thanks for chatting!')]);
    expect(expandMacros('Glad to help. [Response:signoff]', aContext(), lookupIn(library))).toEqual({
      text: 'Glad to help. Again, my name is Mary Jones. Thanks for chatting!',
      unresolved: [],
    });
  });

  it('uses the first response found when several share a shortcut, in library then item order', () => {
    const first = aLibrary('A', [aMessage('hi', 'Hello from A'), aMessage('hi', 'Second in A')]);
    const second = aLibrary('B', [aMessage('hi', 'Hello from B')]);
    expect(expandMacros('[Response:hi]', aContext(), lookupIn(first, second)).text).toBe('Hello from A');
    expect(expandMacros('[Response:hi]', aContext(), lookupIn(second, first)).text).toBe('Hello from B');
  });

  it('finds the shortcut without regard to case or accents', () => {
    const library = aLibrary('A', [aMessage('Café', 'Coffee is served')]);
    expect(expandMacros('[Response:cafe] [Response: CAFÉ ]', aContext(), lookupIn(library)).text).toBe(
      'Coffee is served Coffee is served',
    );
  });

  it('inserts a response that includes itself only once, and flags the loop', () => {
    const library = aLibrary('A', [aMessage('loop', 'again [Response:loop]')]);
    expect(expandMacros('[Response:loop]', aContext(), lookupIn(library))).toEqual({
      text: 'again [Response:loop]',
      unresolved: [{ macro: '[Response:loop]', reason: 'response-cycle' }],
    });
  });

  it('stops a loop through other responses where it closes', () => {
    const library = aLibrary('A', [
      aMessage('a', 'A→[Response:b]'),
      aMessage('b', 'B→[Response:c]'),
      aMessage('c', 'C→[Response:a]'),
    ]);
    expect(expandMacros('[Response:a]', aContext(), lookupIn(library))).toEqual({
      text: 'A→B→C→[Response:a]',
      unresolved: [{ macro: '[Response:a]', reason: 'response-cycle' }],
    });
  });

  it('may insert the same response twice side by side (only nesting in itself is a loop)', () => {
    const library = aLibrary('A', [aMessage('x', 'X'), aMessage('two', '[Response:x][Response:x]')]);
    expect(expandMacros('[Response:two]', aContext(), lookupIn(library)).text).toBe('XX');
  });

  it('nests responses no deeper than the limit', () => {
    const chain = Array.from({ length: 8 }, (_, i) => aMessage(`r${i}`, `${i} [Response:r${i + 1}]`));
    const library = aLibrary('A', [...chain, aMessage('r8', 'end')]);
    const result = expandMacros('[Response:r0]', aContext({ maxDepth: 3 }), lookupIn(library));
    expect(result.text).toBe('0 1 2 [Response:r3]');
    expect(result.unresolved).toEqual([{ macro: '[Response:r3]', reason: 'response-too-deep' }]);
  });

  it('stops a response that fans out exponentially, flagging what it left', () => {
    const fan = (n: number) => aMessage(`f${n}`, `[Response:f${n + 1}]`.repeat(10));
    const library = aLibrary('A', [fan(0), fan(1), fan(2), fan(3), aMessage('f4', 'x'.repeat(1000))]);
    const result = expandMacros('[Response:f0]', aContext(), lookupIn(library));
    expect(result.text.length).toBeLessThan(120_000);
    expect(result.unresolved.length).toBeGreaterThan(0);
    expect(new Set(result.unresolved.map((u) => u.reason))).toEqual(new Set(['too-long']));
  });

  it('inserts a URL response as its address, or as a link when the text is HTML', () => {
    const library = aLibrary('A', [
      {
        id: 'u',
        type: 'url',
        name: 'Support site',
        shortcut: 'web',
        url: 'https://example.com/?a=1&b=2',
        text: 'our site',
      },
    ]);
    expect(expandMacros('See [Response:web]', aContext(), lookupIn(library)).text).toBe(
      'See https://example.com/?a=1&b=2',
    );
    expect(expandMacros('See [Response:web]', aContext({ format: 'html' }), lookupIn(library)).text).toBe(
      'See <a href="https://example.com/?a=1&amp;b=2">our site</a>',
    );
  });

  it('leaves a file response as written: a file is not text', () => {
    const file = { attachmentId: 'att-1', filename: 'prices.pdf', contentType: 'application/pdf', size: 1000 };
    const library = aLibrary('A', [{ id: 'f', type: 'file', name: 'Price list', shortcut: 'prices', file }]);
    expect(expandMacros('[Response:prices]', aContext(), lookupIn(library)).unresolved).toEqual([
      { macro: '[Response:prices]', reason: 'response-not-text' },
    ]);
  });

  it('leaves a response macro naming no shortcut it can find as written', () => {
    expect(expandMacros('[Response:nothing] [Response:]', aContext(), noResponses).unresolved).toEqual([
      { macro: '[Response:nothing]', reason: 'response-not-found' },
      { macro: '[Response:]', reason: 'response-not-found' },
    ]);
  });
});

describe('text that is not a macro', () => {
  it('leaves unknown macros as written and lists them', () => {
    expect(expandMacros('Ticket [Ticket:42] in [b]bold[/b]', aContext(), noResponses)).toEqual({
      text: 'Ticket [Ticket:42] in [b]bold[/b]',
      unresolved: [
        { macro: '[Ticket:42]', reason: 'unknown-macro' },
        { macro: '[b]', reason: 'unknown-macro' },
      ],
    });
  });

  it('leaves brackets around digits, punctuation or across lines alone', () => {
    expect(expandMacros('see [1], [ UserName ], [User\nName]', aContext(), noResponses)).toEqual({
      text: 'see [1], [ UserName ], [User\nName]',
      unresolved: [],
    });
  });
});
