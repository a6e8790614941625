import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Category } from '../category/category.entity';
import type { Responsibility } from '../responsibility/responsibility.entity';
import type { Role } from '../role/role.entity';
import { UserInputError } from '../shared/errors';
import { hydrate } from '../db/hydrate';
import type { Page, PageItem } from '../db/paged-query';
import { NODE_ENTITIES } from '../model/entities';
import { NODE_TYPES, type NodeKey, type SearchableKey } from '../model/node-types';
import type { PageWindow } from '../shared/page-window';
import type { Skill } from '../skill/skill.entity';
import type { Tool } from '../tool/tool.entity';
import {
  corrections,
  exactKey,
  inColumns,
  matchExpression,
  maxTypoDistance,
  MIN_TYPO_LENGTH,
  searchWords,
  startsWith,
  type SearchWord,
} from './search.text';
import { searchHitRows, vocabularyRows, type SearchQueries, type VocabularyLookup } from './search.store';
import { SearchableType } from './search.types';

/** What a search finds: one of the searchable entities. */
export type SearchNode = Category | Responsibility | Role | Skill | Tool;

const searchableKeys = (Object.keys(NODE_TYPES) as NodeKey[]).filter((k): k is SearchableKey => NODE_TYPES[k].search !== null);

/** The GraphQL enum and the registry name the same types: this fails to compile when they drift apart. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const enumMatchesRegistry: Same<`${SearchableType}`, (typeof NODE_TYPES)[SearchableKey]['search']['value']> = true;
void enumMatchesRegistry;

interface Indexed {
  code: number;
  entity: EntityTarget<ObjectLiteral>;
}
/**
 * Each type's code in the index row id (`entity id * 8 + code`), fixed by the search-index
 * migration and declared in the registry. Codes follow the type names alphabetically, so ordering
 * by code orders by type.
 */
const INDEXED = Object.fromEntries(
  searchableKeys.map((k): [SearchableType, Indexed] => [
    NODE_TYPES[k].search.value as SearchableType,
    { code: NODE_TYPES[k].search.code, entity: NODE_ENTITIES[k] },
  ]),
) as Record<SearchableType, Indexed>;
/** The entity of each type code in the index. */
export const byCode = new Map(Object.values(INDEXED).map((t) => [t.code, t.entity]));

/** Scores of hits found through a typo correction are multiplied by this. */
const TYPO_FACTOR = 0.8;

export interface SearchRequest {
  query: string;
  types?: readonly SearchableType[] | null;
  window: PageWindow;
}

/** One hit: the page item (entity and position) with its score and snippet. */
export interface SearchHit extends PageItem<SearchNode> {
  score: number;
  snippet: string;
}

export interface SearchPage extends Page<SearchNode> {
  items: SearchHit[];
  correctedQuery: string | null;
}

/**
 * Searches every searchable entity. Text with nothing but whitespace is refused; text with no word
 * (only punctuation or symbols) finds nothing, with no statement. One statement when the words are found as typed; when they
 * find nothing, a second reads the index vocabulary for corrections, and a third searches with
 * them. Never more than three, whatever the data size.
 */
export async function search(dataSource: DataSource, request: SearchRequest): Promise<SearchPage> {
  if (request.query.trim() === '') {
    throw new UserInputError('`query` is empty: type a word (a name, an alias or a word of a description) to search for.', 'query');
  }
  const words = searchWords(request.query);
  // Text with no letter or digit (a search box mid-typing: `"`, `((`, `-`) finds nothing, as text that matches nothing does.
  if (words.length === 0) return { items: [], totalCount: 0, window: request.window, correctedQuery: null };
  const codes = (request.types ?? Object.values(SearchableType)).map((t) => INDEXED[t].code);
  const typed = words.map((word) => ({ word, corrections: [] }));
  const page = await searchPage(dataSource, typed, [exactKey(request.query), words.join(' ')], codes, request.window, 1);
  if (page.totalCount > 0) return page;

  const corrected = await correctTypos(dataSource, words);
  if (!corrected.some((w) => w.corrections.length)) return page;
  const correctedQuery = corrected.map((w) => w.corrections[0] ?? w.word).join(' ');
  const fixed = await searchPage(dataSource, corrected, [correctedQuery, correctedQuery], codes, request.window, TYPO_FACTOR);
  return { ...fixed, correctedQuery };
}

/**
 * Ranks the hits and returns one page, with the total, in one statement.
 *
 * `keys` are the query as typed and as its words (`kubernetes!` → `kubernetes`), lower-cased;
 * names and aliases equal to either are exact matches.
 *
 * Tiers, best first: the name is the query (1); an alias is the query (2); the name starts with
 * the words (3); every word is a whole word of the name (4); every word starts a word of the
 * name (5); every word is in the name or the aliases (6); the words are found elsewhere, mostly in
 * the description (7). Within a tier, bm25 relevance (name weighted over aliases over description),
 * scaled to the tier's best hit, spreads the scores over the tier's band; the bands do not
 * overlap. Ties fall back to name, type and row id, so the order is total. Because the bands do not
 * overlap, only the tiers the page reaches are scored and sorted (search.store.ts).
 *
 * Only the hits of the page (plus the first, for the total when the page is empty) get a
 * snippet and their entity row, read as JSON so one statement serves five tables.
 */
async function searchPage(
  dataSource: DataSource,
  words: readonly SearchWord[],
  keys: readonly [string, string],
  codes: readonly number[],
  window: PageWindow,
  factor: number,
): Promise<SearchPage> {
  const queries = searchQueries(words);
  const rows = await searchHitRows(dataSource, { queries, keys, codes, entities: byCode, window, factor });

  const items: SearchHit[] = [];
  for (const row of rows) {
    if (!row.inPage || row.entity === null) continue;
    const entity = byCode.get(Number(row.key) % 8)!;
    items.push({
      node: hydrate(dataSource, entity, JSON.parse(row.entity) as Record<string, unknown>) as SearchNode,
      position: Number(row.rn),
      linkId: null,
      link: {},
      score: Number(row.score),
      snippet: row.snippet ?? '',
    });
  }
  return { items, totalCount: rows.length ? Number(rows[0].total) : 0, window, correctedQuery: null };
}

/** The full-text queries of one search: what a hit is, and what puts a hit in each name tier. */
export function searchQueries(words: readonly SearchWord[]): SearchQueries {
  const all = matchExpression(words);
  return {
    all,
    nameStart: inColumns(['name'], startsWith(words)),
    nameWords: inColumns(['name'], matchExpression(words, false)),
    namePrefixes: inColumns(['name'], all),
    nameOrAliases: inColumns(['name', 'aliases'], all),
    inAliases: inColumns(['aliases'], all),
  };
}

/**
 * Finds corrections for the words the index does not know, in one statement over the index's
 * vocabulary: for each word, whether any term starts with it, and the terms of a similar length
 * that start with its first or second letter (which covers every single edit except a wrong
 * first letter). The edit distance itself is computed here.
 */
async function correctTypos(dataSource: DataSource, words: readonly string[]): Promise<SearchWord[]> {
  const checked = [...new Set(words.filter((w) => [...w].length >= MIN_TYPO_LENGTH))];
  if (checked.length === 0) return words.map((word) => ({ word, corrections: [] }));
  const lookups = checked.map((word): VocabularyLookup => {
    const length = [...word].length;
    const distance = maxTypoDistance(word);
    return { word, starts: [...new Set([...word].slice(0, 2))], minLength: length - distance, maxLength: length + distance };
  });
  const rows = await vocabularyRows(dataSource, lookups);
  const known = new Set<string>();
  const candidates = new Map<string, { term: string; entries: number }[]>();
  for (const row of rows) {
    const word = checked[Number(row.word)];
    if (row.known) known.add(word);
    if (row.term === null) continue;
    const list = candidates.get(word) ?? [];
    list.push({ term: row.term, entries: Number(row.entries) });
    candidates.set(word, list);
  }
  return words.map((word) => ({
    word,
    corrections: known.has(word) || !candidates.has(word) ? [] : corrections(word, candidates.get(word)!),
  }));
}
