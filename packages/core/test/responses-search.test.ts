import { describe, expect, it } from 'vitest';
import {
  findByShortcut,
  indexOfLibrary,
  resolveShortcut,
  searchResponses,
  usableResponseLibraries,
  effectiveRights,
  type ResponseItem,
  type ResponseLibraryLike,
} from '../src/index.js';
import { aDirectory } from './builders.js';

let itemNumber = 0;
const anItem = (name: string, extra: Partial<ResponseItem> = {}): ResponseItem => ({
  id: `item-${(itemNumber += 1)}`,
  type: 'message',
  name,
  text: '',
  ...extra,
});

const aLibrary = (
  id: string,
  items: ResponseItem[],
  extra: Partial<ResponseLibraryLike> = {},
): ResponseLibraryLike => ({ id, displayName: id, scope: 'system', items, ...extra });

const names = (result: { hits: { item: ResponseItem }[] }) => result.hits.map((h) => h.item.name);

describe('full-text search', () => {
  it('finds every item with a word that begins with the query: "foo" finds food, foot and football', () => {
    const library = aLibrary('L', [
      anItem('Food menu'),
      anItem('Foot care'),
      anItem('Football scores'),
      anItem('Buffoon'),
      anItem('Fo'),
    ]);
    expect(names(searchResponses([library], 'foo'))).toEqual(['Food menu', 'Foot care', 'Football scores']);
  });

  it('ignores case and accents, in the query and in the item', () => {
    const library = aLibrary('L', [anItem('Café opening hours'), anItem('CAFETERIA MENU'), anItem('Crème brûlée')]);
    expect(names(searchResponses([library], 'cafe'))).toEqual(['Café opening hours', 'CAFETERIA MENU']);
    expect(names(searchResponses([library], 'CAFÉ'))).toEqual(['Café opening hours', 'CAFETERIA MENU']);
    expect(names(searchResponses([library], 'brulee'))).toEqual(['Crème brûlée']);
  });

  it('looks in the name, shortcut, labels, category and content, but not in HTML tags', () => {
    const library = aLibrary('L', [
      anItem('By name: refund'),
      anItem('By shortcut', { shortcut: 'refund-1' }),
      anItem('By label', { labels: ['refunds', 'billing'] }),
      anItem('By category', { category: 'Billing/Refunds' }),
      anItem('By content', { text: '<p>We will <b>refund</b> you.</p>' }),
      anItem('By URL', { type: 'url', url: 'https://example.com/refund-policy' }),
      anItem('Only markup', { text: '<span class="refund">Hello</span>' }),
    ]);
    expect(names(searchResponses([library], 'refund')).sort()).toEqual(
      ['By category', 'By content', 'By label', 'By name: refund', 'By shortcut', 'By URL'].sort(),
    );
  });

  it('decodes HTML entities in content before searching it', () => {
    const library = aLibrary('L', [anItem('Entities', { text: 'Fish&amp;chips&nbsp;today &#233;t&#xE9;' })]);
    expect(names(searchResponses([library], 'chips ete'))).toEqual(['Entities']);
  });

  it('needs every word of the query, each as the start of some word', () => {
    const library = aLibrary('L', [
      anItem('Opening hours', { text: 'Monday to Friday' }),
      anItem('Opening offer'),
      anItem('Weekend hours'),
    ]);
    expect(names(searchResponses([library], 'open hour'))).toEqual(['Opening hours']);
    expect(names(searchResponses([library], 'open fri'))).toEqual(['Opening hours']);
    expect(names(searchResponses([library], 'open sunday'))).toEqual([]);
  });

  it('ranks the exact shortcut first, then a name starting with the query, then the other matches', () => {
    const library = aLibrary('L', [
      anItem('Says it in its text', { text: 'hi there' }),
      anItem('Has hi as a label', { labels: ['hi'] }),
      anItem('Hi and welcome'),
      anItem('Greeting', { shortcut: 'HI' }),
    ]);
    expect(names(searchResponses([library], 'hi'))).toEqual([
      'Greeting',
      'Hi and welcome',
      'Has hi as a label',
      'Says it in its text',
    ]);
  });

  it('ranks a word found in the name above one found in the content, and a whole word above a prefix', () => {
    const library = aLibrary('L', [
      anItem('Closing', { text: 'shipping costs' }),
      anItem('Shipping times'),
      anItem('Shipments'),
    ]);
    expect(names(searchResponses([library], 'ship'))).toEqual(['Shipping times', 'Shipments', 'Closing']);
    const exact = aLibrary('E', [anItem('Note about shipments'), anItem('Note about ship')]);
    expect(names(searchResponses([exact], 'ship'))).toEqual(['Note about ship', 'Note about shipments']);
  });

  it('keeps the order of the libraries, then of their items, among equal matches, and says which library', () => {
    const mine = aLibrary('mine', [anItem('Thanks A'), anItem('Thanks B')], { scope: 'personal', owner: 'agent1' });
    const company = aLibrary('company', [anItem('Thanks C')]);
    const result = searchResponses([mine, company], 'thanks');
    expect(names(result)).toEqual(['Thanks A', 'Thanks B', 'Thanks C']);
    expect(result.hits[2]?.library).toEqual({ id: 'company', displayName: 'company', scope: 'system' });
  });

  it('answers only the types asked for (an SMS cannot take a stored file)', () => {
    const file = { attachmentId: 'a1', filename: 'price-list.pdf', contentType: 'application/pdf', size: 10 };
    const library = aLibrary('L', [anItem('Price list', { type: 'file', file }), anItem('Prices today')]);
    expect(names(searchResponses([library], 'price', { types: ['message', 'url'] }))).toEqual(['Prices today']);
  });

  it('lists every item in order for an empty query, up to the limit, with the total', () => {
    const library = aLibrary('L', [anItem('One'), anItem('Two'), anItem('Three')]);
    const result = searchResponses([library], '   ', { limit: 2 });
    expect(names(result)).toEqual(['One', 'Two']);
    expect(result.total).toBe(3);
  });

  it('finds a shortcut made only of punctuation when the query is exactly it', () => {
    const library = aLibrary('L', [anItem('Hash', { shortcut: '#' }), anItem('Other')]);
    expect(names(searchResponses([library], '#'))).toEqual(['Hash']);
  });

  it('finds a word inside Chinese text, which has no spaces', () => {
    const library = aLibrary('L', [anItem('问候', { text: '您好，欢迎光临我们的商店' }), anItem('Other')]);
    expect(names(searchResponses([library], '欢迎'))).toEqual(['问候']);
  });

  it('searches 10,000 items over 20 libraries and ranks the one named by its shortcut first', () => {
    const words = [
      'account',
      'billing',
      'card',
      'delivery',
      'email',
      'refund',
      'order',
      'password',
      'return',
      'upgrade',
    ];
    const libraries = Array.from({ length: 20 }, (_, l) =>
      aLibrary(
        `lib-${l}`,
        Array.from({ length: 500 }, (_, i) =>
          anItem(`${words[i % 10]} answer ${l}-${i}`, {
            shortcut: `s${l}-${i}`,
            text: `About your ${words[(i + l) % 10]} and ${words[(i * 7) % 10]}: reference ${l * 500 + i}.`,
          }),
        ),
      ),
    );
    const result = searchResponses(libraries, 'refund', { limit: 10 });
    expect(result.total).toBeGreaterThan(1000);
    expect(result.hits).toHaveLength(10);
    expect(searchResponses(libraries, 's13-250').hits[0]?.item.name).toBe('account answer 13-250');
    expect(searchResponses(libraries, '7250').hits.map((h) => h.item.name)).toEqual(['account answer 14-250']);
  });
});

describe('the search index', () => {
  it('is built once per library revision: the same library object answers the same index', () => {
    const library = aLibrary('L', [anItem('Hello')]);
    expect(indexOfLibrary(library)).toBe(indexOfLibrary(library));
    const nextRevision = { ...library, items: [...library.items, anItem('Goodbye')] };
    expect(indexOfLibrary(nextRevision)).not.toBe(indexOfLibrary(library));
    expect(names(searchResponses([nextRevision], 'goodbye'))).toEqual(['Goodbye']);
  });

  it('is rebuilt when the directory stores a new revision of the library', () => {
    const builder = aDirectory().with('response-libraries', 'L', {
      displayName: 'L',
      items: [{ id: 'a', type: 'message', name: 'Old wording', text: '' }],
    });
    const before = builder.directory.get('response-libraries', 'L')!;
    expect(indexOfLibrary(before)).toBe(indexOfLibrary(builder.directory.get('response-libraries', 'L')!));
    builder.with('response-libraries', 'L', {
      displayName: 'L',
      items: [{ id: 'a', type: 'message', name: 'New wording', text: '' }],
    });
    const after = builder.directory.get('response-libraries', 'L')!;
    expect(names(searchResponses([after], 'new'))).toEqual(['New wording']);
    expect(names(searchResponses([after], 'old'))).toEqual([]);
  });
});

describe('shortcuts', () => {
  const library = aLibrary('L', [
    anItem('Hello long', { shortcut: 'hello' }),
    anItem('Help', { shortcut: 'help' }),
    anItem('Hi', { shortcut: 'Hi' }),
    anItem('Hi again', { shortcut: 'hi' }),
    anItem('Bye', { shortcut: 'bye' }),
  ]);

  it('lists every response whose shortcut starts with what was typed: exact ones first, then the shortest', () => {
    expect(findByShortcut([library], 'h').map((h) => h.item.name)).toEqual(['Hi', 'Hi again', 'Help', 'Hello long']);
    expect(findByShortcut([library], 'HEL').map((h) => h.item.name)).toEqual(['Help', 'Hello long']);
  });

  it('answers one response when exactly one shortcut starts so, to insert it at once', () => {
    expect(findByShortcut([library], 'hell').map((h) => h.item.name)).toEqual(['Hello long']);
  });

  it('answers only equal shortcuts when asked for exact ones', () => {
    expect(findByShortcut([library], 'hi', { exact: true }).map((h) => h.item.name)).toEqual(['Hi', 'Hi again']);
    expect(findByShortcut([library], 'x')).toEqual([]);
    expect(findByShortcut([library], '  ')).toEqual([]);
  });

  it('resolves a shortcut to the first response with it in library order, then item order', () => {
    const other = aLibrary('O', [anItem('Other hi', { shortcut: 'hi' })]);
    expect(resolveShortcut([library, other], 'hi')?.name).toBe('Hi');
    expect(resolveShortcut([other, library], 'HI')?.name).toBe('Other hi');
    expect(resolveShortcut([library], 'h')).toBeUndefined();
  });
});

describe('the libraries a user may use', () => {
  const viewLibrary = (target: string) => ({ type: 'object', object: 'response-library', target, access: 'view' });
  const library = (scope: 'system' | 'personal', owner?: string) => ({
    displayName: 'x',
    scope,
    ...(owner ? { owner } : {}),
    items: [],
  });
  const directory = () =>
    aDirectory()
      .anAgent('agent1')
      .anAgent('agent2')
      .with('response-libraries', 'Sales', library('system'))
      .with('response-libraries', 'Support', library('system'))
      .with('response-libraries', 'agent1-mine', library('personal', 'agent1'))
      .with('response-libraries', 'agent2-mine', library('personal', 'agent2'));

  const usable = (builder: ReturnType<typeof directory>, userId: string) =>
    usableResponseLibraries(builder.directory, userId, effectiveRights(builder.directory, userId)).map((l) => l.id);

  it('are only its own personal ones when it holds no view right on any system library', () => {
    expect(usable(directory(), 'agent1')).toEqual(['agent1-mine']);
  });

  it('include the system libraries it holds the view right on, after its own', () => {
    const builder = directory().anAgent('agent1', { rights: [viewLibrary('Support')] });
    expect(usable(builder, 'agent1')).toEqual(['agent1-mine', 'Support']);
  });

  it('include every system library with the view right on all of them, but never another user’s personal one', () => {
    const builder = directory().anAgent('agent1', { rights: [viewLibrary('*')] });
    expect(usable(builder, 'agent1')).toEqual(['agent1-mine', 'Sales', 'Support']);
  });

  it('do not follow from administering response libraries', () => {
    const builder = directory().anAgent('agent1', {
      rights: [{ type: 'admin', area: 'response-libraries', access: 'modify' }],
    });
    expect(usable(builder, 'agent1')).toEqual(['agent1-mine']);
  });
});
