import type { ResponseItem } from '../directory/schemas.js';
import { foldText } from './fold-text.js';
import { foldQuery, indexOfLibrary, type ResponseLibraryLike } from './response-index.js';

export type ResponseItemType = ResponseItem['type'];

/** The library an item was found in. */
export interface ResponseLibraryRef {
  id: string;
  displayName: string;
  scope: 'system' | 'personal';
}

export interface ResponseHit {
  library: ResponseLibraryRef;
  item: ResponseItem;
  /** Higher is better: 3000s the query is the shortcut, 2000s the name starts with it, 1000s its words match. */
  score: number;
}

export interface ResponseSearchOptions {
  /** Most hits to answer; default 50. */
  limit?: number | undefined;
  /** Only items of these types (an SMS cannot take a stored file); default all. */
  types?: readonly ResponseItemType[] | undefined;
}

export interface ResponseSearchResult {
  hits: ResponseHit[];
  /** How many items matched in all, before the limit. */
  total: number;
}

export const DEFAULT_SEARCH_LIMIT = 50;

const refOf = (library: ResponseLibraryLike): ResponseLibraryRef => ({
  id: library.id,
  displayName: library.displayName,
  scope: library.scope,
});

/**
 * Full-text search, as the manual describes it: each word of the query must begin a word of the
 * item's name, shortcut, labels, category or content ("foo" finds food, foot, football), without
 * regard to case or accents. Ranked: the query is the shortcut, then the name starts with the
 * query, then by the fields the words were found in; ties keep the order of `libraries` and of
 * their items. An empty query answers every item, in that order (browsing).
 */
export function searchResponses(
  libraries: readonly ResponseLibraryLike[],
  query: string,
  options: ResponseSearchOptions = {},
): ResponseSearchResult {
  const folded = foldQuery(query);
  const types = options.types ? new Set(options.types) : undefined;
  const found: { hit: ResponseHit; order: number }[] = [];
  let order = 0;
  for (const library of libraries) {
    const index = indexOfLibrary(library);
    const ref = refOf(library);
    for (const match of index.search(folded)) {
      const item = library.items[match.position] as ResponseItem;
      if (types && !types.has(item.type)) continue;
      // Library order, then item order, breaks ties: `order` grows with both.
      found.push({
        hit: { library: ref, item, score: match.tier * 1000 + match.weight },
        order: order + match.position,
      });
    }
    order += library.items.length;
  }
  found.sort((a, b) => b.hit.score - a.hit.score || a.order - b.order);
  return {
    hits: found.slice(0, options.limit ?? DEFAULT_SEARCH_LIMIT).map((f) => f.hit),
    total: found.length,
  };
}

export interface ShortcutOptions {
  /** Only shortcuts equal to the typed text (case and accents aside); default false: those starting with it too. */
  exact?: boolean | undefined;
  limit?: number | undefined;
  types?: readonly ResponseItemType[] | undefined;
}

/**
 * The responses a typed shortcut (or the start of one) names, for Ctrl+Space: the exact ones
 * first, then the longer ones, shortest first; ties in the order of `libraries` and their items.
 */
export function findByShortcut(
  libraries: readonly ResponseLibraryLike[],
  typed: string,
  options: ShortcutOptions = {},
): ResponseHit[] {
  const key = foldText(typed.trim());
  if (key === '') return [];
  const types = options.types ? new Set(options.types) : undefined;
  const found: { hit: ResponseHit; length: number; order: number }[] = [];
  let order = 0;
  for (const library of libraries) {
    const ref = refOf(library);
    for (const position of indexOfLibrary(library).shortcutMatches(key, options.exact ?? false)) {
      const item = library.items[position] as ResponseItem;
      if (types && !types.has(item.type)) continue;
      const length = foldText(item.shortcut ?? '').length;
      found.push({
        hit: { library: ref, item, score: length === key.length ? 3000 : 2000 },
        length,
        order: order + position,
      });
    }
    order += library.items.length;
  }
  found.sort((a, b) => a.length - b.length || a.order - b.order);
  return found.slice(0, options.limit ?? DEFAULT_SEARCH_LIMIT).map((f) => f.hit);
}

/**
 * The response `[Response:shortcut]` inserts: the first with exactly that shortcut (case and
 * accents aside) in the order of `libraries`, then of their items (the manual: the first one
 * located is used).
 */
export function resolveShortcut(libraries: readonly ResponseLibraryLike[], shortcut: string): ResponseItem | undefined {
  const key = foldText(shortcut.trim());
  if (key === '') return undefined;
  for (const library of libraries) {
    const positions = indexOfLibrary(library).shortcutMatches(key, true);
    if (positions.length > 0) return library.items[Math.min(...positions)];
  }
  return undefined;
}
