import { describe, expect, it } from 'vitest';
import { RESPONSE_FILE_MAX_BYTES, fileExtensionOf, responseItem, responseLibraryFields } from '../src/index.js';

const aMessage = (extra: Record<string, unknown> = {}) => ({
  id: 'm1',
  type: 'message',
  name: 'Greeting',
  text: 'Hello',
  ...extra,
});
const aFile = (extra: Record<string, unknown> = {}) => ({
  attachmentId: 'att-1',
  filename: 'price-list.pdf',
  contentType: 'application/pdf',
  size: 1000,
  ...extra,
});
const aFileItem = (file: Record<string, unknown> = {}) => ({
  id: 'f1',
  type: 'file',
  name: 'Price list',
  file: aFile(file),
});

/** The issues of parsing `value`, as `path: message`. */
function problemsOf(value: unknown): string[] {
  const result = responseItem.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('shortcut characters', () => {
  it.each(['~', '!', '?', '*', '^', '\\', '.'])("refuses the manual's forbidden character %s, naming it", (ch) => {
    const problems = problemsOf(aMessage({ shortcut: `hi${ch}there` }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^shortcut: must not hold '${ch === '\\' ? '\\\\' : `\\${ch}`}'`));
  });

  it('refuses spaces, brackets and slashes, which would break typing, macros and URLs', () => {
    for (const shortcut of ['two words', 'tab\there', 'a[b', 'a]b', 'a/b', '\u0007bell', 'smile\u{1F600}'])
      expect(problemsOf(aMessage({ shortcut })), shortcut).toEqual([expect.stringMatching(/^shortcut: must not hold/)]);
  });

  it('accepts letters and digits of any script, and harmless punctuation', () => {
    for (const shortcut of [
      'hi',
      'Hi-2',
      'reply_1',
      '#vip',
      'café',
      'привет',
      '你好',
      'x:y',
      "o'k",
      'a(b)',
      'a%b+c=d&e@f$g,h',
    ])
      expect(problemsOf(aMessage({ shortcut })), shortcut).toEqual([]);
  });

  it('keeps accepting every shortcut the earlier rule allowed', () => {
    expect(problemsOf(aMessage({ shortcut: 'Az09_-'.repeat(5).slice(0, 32) }))).toEqual([]);
  });

  it('refuses an empty shortcut and one over 50 characters', () => {
    expect(problemsOf(aMessage({ shortcut: '' }))).toEqual(['shortcut: must not be empty']);
    expect(problemsOf(aMessage({ shortcut: 'x'.repeat(51) }))).toEqual(['shortcut: must be at most 50 characters']);
  });
});

describe('stored files', () => {
  it.each(['setup.exe', 'install.sh', 'app.js', 'SETUP.EXE', 'Run.Js', 'setup.exe.', 'setup.exe. '])(
    'refuses %s, a type the manual forbids',
    (filename) => {
      expect(problemsOf(aFileItem({ filename }))).toEqual([
        expect.stringMatching(/^file\.filename: must not be a \.exe/),
      ]);
    },
  );

  it('accepts other files, including ones that only mention a forbidden type', () => {
    for (const filename of ['prices.pdf', 'setup.exe.txt', 'notes.json', 'shell', 'archive.tar.gz'])
      expect(problemsOf(aFileItem({ filename })), filename).toEqual([]);
  });

  it('reads the extension a system would run the file by', () => {
    expect(fileExtensionOf('a.tar.GZ')).toBe('gz');
    expect(fileExtensionOf('setup.exe. .')).toBe('exe');
    expect(fileExtensionOf('README')).toBe('');
  });

  it('refuses a file name holding a path', () => {
    expect(problemsOf(aFileItem({ filename: '../etc/passwd' }))).toEqual([
      expect.stringMatching(/^file\.filename: must be a file name without a path/),
    ]);
    expect(problemsOf(aFileItem({ filename: 'C:\\x\\y.pdf' }))).toHaveLength(1);
  });

  it('refuses a file over 5 MB and an empty one', () => {
    expect(problemsOf(aFileItem({ size: RESPONSE_FILE_MAX_BYTES }))).toEqual([]);
    expect(problemsOf(aFileItem({ size: RESPONSE_FILE_MAX_BYTES + 1 }))).toEqual([
      `file.size: must be at most ${RESPONSE_FILE_MAX_BYTES} bytes (5 MB)`,
    ]);
    expect(problemsOf(aFileItem({ size: 0 }))).toEqual([expect.stringMatching(/^file\.size: must not be empty/)]);
  });

  it('holds one file per response: a list of files is refused', () => {
    expect(problemsOf({ ...aFileItem(), file: [aFile(), aFile({ attachmentId: 'att-2' })] })).toHaveLength(1);
  });
});

describe('what each type of response holds', () => {
  it('refuses a message without text, a URL response without a URL and a file response without a file', () => {
    expect(problemsOf({ id: 'a', type: 'message', name: 'x' })).toEqual([
      'text: is required: a message response holds its text',
    ]);
    expect(problemsOf({ id: 'a', type: 'url', name: 'x' })).toEqual(['url: is required: a URL response holds its URL']);
    expect(problemsOf({ id: 'a', type: 'file', name: 'x' })).toEqual([
      'file: is required: a file response holds one file',
    ]);
  });

  it('refuses a file on a message', () => {
    expect(problemsOf(aMessage({ file: aFile() }))).toEqual(['file: only a file response holds a file']);
  });

  it('takes only web addresses as URL responses', () => {
    const url = (address: string) => problemsOf({ id: 'u', type: 'url', name: 'Site', url: address });
    expect(url('https://example.com/help')).toEqual([]);
    expect(url('http://example.com')).toEqual([]);
    expect(url('javascript:alert(1)')).toEqual(['url: must be an http or https URL']);
    expect(url('file:///etc/passwd')).toEqual(['url: must be an http or https URL']);
  });

  it('takes labels as single words, without repeats', () => {
    expect(problemsOf(aMessage({ labels: ['billing', 'refunds'] }))).toEqual([]);
    expect(problemsOf(aMessage({ labels: ['two words'] }))).toEqual(['labels.0: must be one word without spaces']);
    expect(problemsOf(aMessage({ labels: ['a', 'a'] }))).toEqual(['labels: must not repeat an entry']);
  });

  it('refuses two items with one id in a library, naming the second', () => {
    const result = responseLibraryFields.safeParse({
      displayName: 'L',
      items: [aMessage({ id: 'same' }), aMessage({ id: 'other' }), aMessage({ id: 'same' })],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['items.2.id', "repeats the item id 'same'"],
    ]);
  });
});
