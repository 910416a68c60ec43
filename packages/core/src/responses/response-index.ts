import type { ResponseItem } from '../directory/schemas.js';
import { foldText, textOfHtml, wordsOf } from './fold-text.js';

/** What search needs of a library; a stored `ResponseLibrary` is one. */
export interface ResponseLibraryLike {
  id: string;
  displayName: string;
  scope: 'system' | 'personal';
  owner?: string | undefined;
  items: readonly ResponseItem[];
}

/** The fields search looks in (the manual: name, shortcut, labels and content), as bits. */
const FIELDS = { name: 1, shortcut: 2, labels: 4, category: 8, content: 16 } as const;
/** How much a query word found in a field counts, best field first. */
const WEIGHTS: readonly [mask: number, weight: number][] = [
  [FIELDS.name, 8],
  [FIELDS.shortcut, 6],
  [FIELDS.labels, 5],
  [FIELDS.category, 3],
  [FIELDS.content, 1],
];
const FIELD_BITS = 5;
/** A posting is `position << WEIGHT_BITS | best field weight`. */
const WEIGHT_BITS = 4;
const WEIGHT_MASK = (1 << WEIGHT_BITS) - 1;

/** The weight of the best field in a mask of fields. */
function bestWeight(mask: number): number {
  return WEIGHTS.find(([field]) => (mask & field) !== 0)?.[1] ?? 0;
}

/** A query as search compares it: folded and collapsed, and its distinct words. */
export interface FoldedQuery {
  whole: string;
  words: string[];
}

export function foldQuery(query: string): FoldedQuery {
  const whole = foldText(query).trim().replace(/\s+/g, ' ');
  return { whole, words: [...new Set(wordsOf(whole))] };
}

/** One item that matched, by its position in the library. */
export interface IndexMatch {
  position: number;
  /** 3: the query is the shortcut; 2: the name starts with the query; 1: the words match. */
  tier: 1 | 2 | 3;
  /** Within a tier: the fields the words were found in, exact words above prefixes. */
  weight: number;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A prefix index of one library: its distinct words sorted, each with the items (and fields) that
 * hold it, and its shortcuts sorted. Built once per library revision (see `indexOfLibrary`); a
 * query word then costs a binary search plus the words it is a prefix of.
 */
export class ResponseLibraryIndex {
  private readonly words: string[];
  /** Parallel to `words`: a posting per item holding the word (see WEIGHT_BITS). */
  private readonly postings: Int32Array[];
  /** Folded shortcuts, sorted, with the item position. */
  private readonly shortcutKeys: string[];
  private readonly shortcutPositions: number[];
  private readonly foldedShortcuts: (string | undefined)[];
  private readonly foldedNames: string[];

  constructor(readonly library: ResponseLibraryLike) {
    // Per word, `position << FIELD_BITS | fields`; items come in position order, so a word seen
    // again in the same item is its list's last entry. (A map per word took twice as long.)
    const byWord = new Map<string, number[]>();
    const add = (position: number, field: number, text: string | undefined) => {
      if (!text) return;
      for (const word of wordsOf(foldText(text))) {
        const list = byWord.get(word);
        const last = list?.at(-1);
        if (!list) byWord.set(word, [(position << FIELD_BITS) | field]);
        else if (last !== undefined && last >>> FIELD_BITS === position) list[list.length - 1] = last | field;
        else list.push((position << FIELD_BITS) | field);
      }
    };
    const shortcuts: [string, number][] = [];
    library.items.forEach((item, position) => {
      add(position, FIELDS.name, item.name);
      add(position, FIELDS.shortcut, item.shortcut);
      add(position, FIELDS.labels, item.labels?.join(' '));
      add(position, FIELDS.category, item.category?.replace(/\//g, ' '));
      add(position, FIELDS.content, item.type === 'message' ? textOfHtml(item.text ?? '') : item.text);
      add(position, FIELDS.content, item.url);
      add(position, FIELDS.content, item.file?.filename);
      if (item.shortcut !== undefined) shortcuts.push([foldText(item.shortcut), position]);
    });
    this.words = [...byWord.keys()].sort();
    this.postings = this.words.map((word) =>
      Int32Array.from(
        byWord.get(word) ?? [],
        (entry) => ((entry >>> FIELD_BITS) << WEIGHT_BITS) | bestWeight(entry & ((1 << FIELD_BITS) - 1)),
      ),
    );
    shortcuts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    this.shortcutKeys = shortcuts.map(([key]) => key);
    this.shortcutPositions = shortcuts.map(([, position]) => position);
    this.foldedShortcuts = library.items.map((item) =>
      item.shortcut === undefined ? undefined : foldText(item.shortcut),
    );
    this.foldedNames = library.items.map((item) => foldText(item.name).trim().replace(/\s+/g, ' '));
  }

  /** The items holding every word of the query, each as a prefix of one of their words. */
  search(query: FoldedQuery): IndexMatch[] {
    if (query.words.length === 0) {
      if (query.whole === '') return this.library.items.map((_, position) => ({ position, tier: 1, weight: 0 }));
      return this.shortcutMatches(query.whole, true).map((position) => ({ position, tier: 3, weight: 0 }));
    }
    // Typed arrays by item position, not maps: a one-letter query touches every posting.
    let total: Int32Array | undefined;
    for (const word of query.words) {
      const weights = this.wordWeights(word);
      if (!weights) return [];
      if (!total) total = Int32Array.from(weights);
      else
        for (let i = 0; i < total.length; i++)
          total[i] = total[i] && weights[i] ? (total[i] as number) + (weights[i] as number) : 0;
    }
    const matches: IndexMatch[] = [];
    total?.forEach((weight, position) => {
      if (weight > 0) matches.push({ position, tier: this.tierOf(position, query), weight });
    });
    return matches;
  }

  /** Positions of the items whose shortcut is `folded` (exact) or starts with it, in shortcut order. */
  shortcutMatches(folded: string, exact: boolean): number[] {
    const positions: number[] = [];
    for (let i = lowerBound(this.shortcutKeys, folded); i < this.shortcutKeys.length; i++) {
      const key = this.shortcutKeys[i] as string;
      if (exact ? key !== folded : !key.startsWith(folded)) break;
      positions.push(this.shortcutPositions[i] as number);
    }
    return positions;
  }

  /**
   * Per item position: twice the best field's weight of a word starting with `word`, plus one if a
   * word is it; 0 when none. Undefined when no word starts so.
   */
  private wordWeights(word: string): Uint8Array | undefined {
    const first = lowerBound(this.words, word);
    if (!this.words[first]?.startsWith(word)) return undefined;
    const weights = new Uint8Array(this.library.items.length);
    for (let i = first; i < this.words.length; i++) {
      const indexed = this.words[i] as string;
      if (!indexed.startsWith(word)) break;
      const exact = indexed === word ? 1 : 0;
      for (const entry of this.postings[i] as Int32Array) {
        const position = entry >>> WEIGHT_BITS;
        const weight = (entry & WEIGHT_MASK) * 2 + exact;
        if (weight > (weights[position] as number)) weights[position] = weight;
      }
    }
    return weights;
  }

  private tierOf(position: number, query: FoldedQuery): 1 | 2 | 3 {
    if (this.foldedShortcuts[position] === query.whole) return 3;
    return (this.foldedNames[position] as string).startsWith(query.whole) ? 2 : 1;
  }
}

const indexes = new WeakMap<ResponseLibraryLike, ResponseLibraryIndex>();

/**
 * The index of a library, built on first use and kept while the library object lives. The
 * directory holds one object per stored revision (each change makes a new one), so this is one
 * build per revision; a caller passing fresh copies each time gets a fresh build each time.
 */
export function indexOfLibrary(library: ResponseLibraryLike): ResponseLibraryIndex {
  let index = indexes.get(library);
  if (!index) indexes.set(library, (index = new ResponseLibraryIndex(library)));
  return index;
}
