import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { Category } from '../category/category.entity';
import { Responsibility } from '../responsibility/responsibility.entity';
import { Role } from '../role/role.entity';
import { UserInputError } from '../shared/errors';
import { hydrate } from '../db/hydrate';
import { inPageSql, type Page, type PageItem } from '../db/paged-query';
import { sql } from '../db/sql';
import type { PageWindow } from '../shared/page-window';
import { Skill } from '../skill/skill.entity';
import { Tool } from '../tool/tool.entity';
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
import { SearchableType } from './search.types';

/** What a search finds: one of the searchable entities. */
export type SearchNode = Category | Responsibility | Role | Skill | Tool;

/**
 * Each type's code in the index row id (`entity id * 8 + code`), fixed by the search-index
 * migration. Codes follow the type names alphabetically, so ordering by code orders by type.
 */
const INDEXED: Record<SearchableType, { code: number; entity: EntityTarget<ObjectLiteral> }> = {
  [SearchableType.CATEGORY]: { code: 1, entity: Category },
  [SearchableType.RESPONSIBILITY]: { code: 2, entity: Responsibility },
  [SearchableType.ROLE]: { code: 3, entity: Role },
  [SearchableType.SKILL]: { code: 4, entity: Skill },
  [SearchableType.TOOL]: { code: 5, entity: Tool },
};
const byCode = new Map(Object.values(INDEXED).map((t) => [t.code, t.entity]));

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
 * Searches every searchable entity. One statement when the words are found as typed; when they
 * find nothing, a second reads the index vocabulary for corrections, and a third searches with
 * them. Never more than three, whatever the data size.
 */
export async function search(dataSource: DataSource, request: SearchRequest): Promise<SearchPage> {
  const words = searchWords(request.query);
  if (words.length === 0) {
    throw new UserInputError('`query` needs at least one letter or digit to search for.', 'query');
  }
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
 * Ranks every hit and returns one page, with the total, in one statement.
 *
 * `keys` are the query as typed and as its words (`kubernetes!` → `kubernetes`), lower-cased;
 * names and aliases equal to either are exact matches.
 *
 * Tiers, best first: the name is the query (1); an alias is the query (2); the name starts with
 * the words (3); every word is a whole word of the name (4); every word starts a word of the
 * name (5); every word is in the name or the aliases (6); the words are found elsewhere, mostly in
 * the description (7). Within a tier, bm25 relevance (name weighted over aliases over description),
 * scaled to the tier's best hit, spreads the scores over the tier's band; the bands do not
 * overlap. Ties fall back to name, type and row id, so the order is total.
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
  const all = matchExpression(words);
  const inPage = inPageSql(window, sql`"rn"`, sql`"total"`).text;
  const entities = [...byCode]
    .map(
      ([code, entity]) =>
        `WHEN ${code} THEN (SELECT ${entityJson(dataSource, entity)} FROM "${tableOf(dataSource, entity)}" e WHERE e."id" = r."key" / 8)`,
    )
    .join(' ');
  const text = `WITH
    hits AS (
      SELECT "rowid" AS "key", "name", "aliases", bm25("search_index", 4.0, 2.0, 1.0) AS "bm"
      FROM "search_index" WHERE "search_index" MATCH ?1 AND "rowid" % 8 IN (${codes.join(', ')})
    ),
    name_start AS (SELECT "rowid" FROM "search_index" WHERE "search_index" MATCH ?2),
    name_words AS (SELECT "rowid" FROM "search_index" WHERE "search_index" MATCH ?3),
    name_prefixes AS (SELECT "rowid" FROM "search_index" WHERE "search_index" MATCH ?4),
    title_prefixes AS (SELECT "rowid" FROM "search_index" WHERE "search_index" MATCH ?5),
    tiered AS (
      SELECT h.*, CASE
        WHEN lower(h."name") IN (?6, ?7) THEN 1
        WHEN instr(char(10) || lower(h."aliases") || char(10), char(10) || ?6 || char(10)) > 0
          OR instr(char(10) || lower(h."aliases") || char(10), char(10) || ?7 || char(10)) > 0 THEN 2
        WHEN h."key" IN name_start THEN 3
        WHEN h."key" IN name_words THEN 4
        WHEN h."key" IN name_prefixes THEN 5
        WHEN h."key" IN title_prefixes THEN 6
        ELSE 7 END AS "tier"
      FROM hits h
    ),
    scored AS (
      SELECT "key", "name", "tier", round(?8 * CASE "tier"
        WHEN 1 THEN 1.0 WHEN 2 THEN 0.9 WHEN 3 THEN 0.81 + 0.04 * "rel" WHEN 4 THEN 0.71 + 0.08 * "rel"
        WHEN 5 THEN 0.61 + 0.08 * "rel" WHEN 6 THEN 0.51 + 0.08 * "rel" ELSE 0.1 + 0.35 * "rel" END, 4) AS "score"
      FROM (SELECT *, COALESCE("bm" / NULLIF(MIN("bm") OVER (PARTITION BY "tier"), 0), 1) AS "rel" FROM tiered)
    ),
    ranked AS (
      SELECT *, ROW_NUMBER() OVER (ORDER BY "score" DESC, "name" COLLATE NOCASE, "key" % 8, "key" / 8) AS "rn", COUNT(*) OVER () AS "total"
      FROM scored
    )
  SELECT r."key", r."score", r."rn", r."total", (${inPage}) AS "inPage",
    CASE WHEN ${inPage} THEN (
      SELECT CASE
        WHEN r."tier" IN (1, 3, 4, 5) THEN highlight("search_index", 0, '«', '»')
        WHEN r."tier" IN (2, 6) THEN replace(snippet("search_index", 1, '«', '»', '…', 12), char(10), ', ')
        ELSE snippet("search_index", -1, '«', '»', '…', 16) END
      FROM "search_index" WHERE "search_index" MATCH ?1 AND "rowid" = r."key"
    ) END AS "snippet",
    CASE WHEN ${inPage} THEN CASE r."key" % 8 ${entities} END END AS "entity"
  FROM ranked r
  WHERE (${inPage}) OR r."rn" = 1
  ORDER BY r."rn"`;
  const params = [
    all,
    inColumns(['name'], startsWith(words)),
    inColumns(['name'], matchExpression(words, false)),
    inColumns(['name'], all),
    inColumns(['name', 'aliases'], all),
    ...keys,
    factor,
  ];
  const rows: { key: number; score: number; rn: number; total: number; inPage: number; snippet: string | null; entity: string | null }[] =
    await dataSource.query(text, params);

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

/**
 * Finds corrections for the words the index does not know, in one statement over the index's
 * vocabulary: for each word, whether any term starts with it, and the terms of a similar length
 * that start with its first or second letter (which covers every single edit except a wrong
 * first letter). The edit distance itself is computed here.
 */
async function correctTypos(dataSource: DataSource, words: readonly string[]): Promise<SearchWord[]> {
  const checked = [...new Set(words.filter((w) => [...w].length >= MIN_TYPO_LENGTH))];
  if (checked.length === 0) return words.map((word) => ({ word, corrections: [] }));
  const parts: string[] = [];
  const params: unknown[] = [];
  const range = (prefix: string) => [prefix, `${prefix}\u{10FFFF}`];
  checked.forEach((word, i) => {
    const letters = [...word];
    const distance = maxTypoDistance(word);
    parts.push(
      `SELECT ${i} AS "word", NULL AS "term", NULL AS "entries", EXISTS (SELECT 1 FROM "search_vocab" WHERE "term" >= ? AND "term" < ?) AS "known"`,
    );
    params.push(...range(word));
    for (const start of new Set(letters.slice(0, 2))) {
      parts.push(`SELECT ${i}, "term", "doc", 0 FROM "search_vocab" WHERE "term" >= ? AND "term" < ? AND length("term") BETWEEN ? AND ?`);
      params.push(...range(start), letters.length - distance, letters.length + distance);
    }
  });
  const rows: { word: number; term: string | null; entries: number | null; known: number }[] = await dataSource.query(
    parts.join(' UNION ALL '),
    params,
  );
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

function tableOf(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): string {
  return dataSource.getMetadata(entity).tableName;
}

/** `json_object(...)` of every column of an entity row aliased `e`, for hydrate(). */
function entityJson(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): string {
  const columns = dataSource.getMetadata(entity).columns.map((c) => `'${c.databaseName}', e."${c.databaseName}"`);
  return `json_object(${columns.join(', ')})`;
}
