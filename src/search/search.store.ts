import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { ftsHighlight, ftsMatch, ftsRank, ftsSnippet, jsonObject, nocase } from '../db/dialect';
import { inPageSql } from '../db/paged-query';
import { column, ident, int, join, registryIdent, rows, sql, type Queryable, type Sql } from '../db/sql';
import type { PageWindow } from '../shared/page-window';

/** The full-text index and its vocabulary (src/migrations/1763800000000-search-index.ts). */
const INDEX = ident('search_index');
const VOCABULARY = ident('search_vocab');

/** FTS5 columns of the index, by position. */
const NAME_COLUMN = 0;
const ALIASES_COLUMN = 1;

/** Match markers and the cut mark of snippets: plain text, so clients need not parse HTML. */
const OPEN = '«';
const CLOSE = '»';
const ELLIPSIS = '…';

/** The full-text queries of one search (src/search/search.text.ts builds them). */
export interface SearchQueries {
  /** Every word anywhere: what a hit is. */
  all: string;
  /** The name starts with the words. */
  nameStart: string;
  /** Every word is a whole word of the name. */
  nameWords: string;
  /** Every word starts a word of the name. */
  namePrefixes: string;
  /** Every word is in the name or the aliases. */
  nameOrAliases: string;
}

/** Everything one ranked search statement needs. */
export interface SearchStatement {
  queries: SearchQueries;
  /** The query as typed and as its words, lower-cased: names and aliases equal to either are exact matches. */
  keys: readonly [string, string];
  /** The type codes searched. */
  codes: readonly number[];
  /** The entity of each type code, for reading hits' rows. */
  entities: ReadonlyMap<number, EntityTarget<ObjectLiteral>>;
  window: PageWindow;
  /** Every score is multiplied by this. */
  factor: number;
}

/** One ranked hit: index row id (`entity id * 8 + code`), score, position; snippet and entity JSON only in the page. */
export interface SearchHitRow {
  key: number;
  score: number;
  rn: number;
  total: number;
  inPage: number;
  snippet: string | null;
  entity: string | null;
}

/**
 * Every hit ranked by tier then bm25 (see search.service.ts), the page's hits with snippet and
 * entity row, plus the first hit for the total; one statement.
 */
export function searchHitRows(dataSource: DataSource, statement: SearchStatement): Promise<SearchHitRow[]> {
  const { queries, keys, codes, entities, window, factor } = statement;
  const inPage = inPageSql(window, sql`"rn"`, sql`"total"`);
  const entityRows = join(
    [...entities].map(
      ([code, entity]) =>
        sql`WHEN ${int(code)} THEN (SELECT ${entityJson(dataSource, entity)} FROM ${registryIdent(dataSource.getMetadata(entity).tableName)} e WHERE e."id" = r."key" / 8)`,
    ),
    sql` `,
  );
  const matching = (query: string) => sql`SELECT "rowid" FROM ${INDEX} WHERE ${ftsMatch(INDEX, query)}`;
  const isAlias = (key: string) => sql`instr(char(10) || lower(h."aliases") || char(10), char(10) || ${key} || char(10)) > 0`;
  return rows<SearchHitRow>(
    dataSource,
    sql`WITH
    hits AS (
      SELECT "rowid" AS "key", "name", "aliases", ${ftsRank(INDEX, [4, 2, 1])} AS "bm"
      FROM ${INDEX} WHERE ${ftsMatch(INDEX, queries.all)} AND "rowid" % 8 IN (${join(codes.map(int))})
    ),
    name_start AS (${matching(queries.nameStart)}),
    name_words AS (${matching(queries.nameWords)}),
    name_prefixes AS (${matching(queries.namePrefixes)}),
    title_prefixes AS (${matching(queries.nameOrAliases)}),
    tiered AS (
      SELECT h.*, CASE
        WHEN lower(h."name") IN (${keys[0]}, ${keys[1]}) THEN 1
        WHEN ${isAlias(keys[0])} OR ${isAlias(keys[1])} THEN 2
        WHEN h."key" IN name_start THEN 3
        WHEN h."key" IN name_words THEN 4
        WHEN h."key" IN name_prefixes THEN 5
        WHEN h."key" IN title_prefixes THEN 6
        ELSE 7 END AS "tier"
      FROM hits h
    ),
    scored AS (
      SELECT "key", "name", "tier", round(${factor} * CASE "tier"
        WHEN 1 THEN 1.0 WHEN 2 THEN 0.9 WHEN 3 THEN 0.81 + 0.04 * "rel" WHEN 4 THEN 0.71 + 0.08 * "rel"
        WHEN 5 THEN 0.61 + 0.08 * "rel" WHEN 6 THEN 0.51 + 0.08 * "rel" ELSE 0.1 + 0.35 * "rel" END, 4) AS "score"
      FROM (SELECT *, COALESCE("bm" / NULLIF(MIN("bm") OVER (PARTITION BY "tier"), 0), 1) AS "rel" FROM tiered)
    ),
    ranked AS (
      SELECT *, ROW_NUMBER() OVER (ORDER BY "score" DESC, ${nocase(sql`"name"`)}, "key" % 8, "key" / 8) AS "rn", COUNT(*) OVER () AS "total"
      FROM scored
    )
  SELECT r."key", r."score", r."rn", r."total", (${inPage}) AS "inPage",
    CASE WHEN ${inPage} THEN (
      SELECT CASE
        WHEN r."tier" IN (1, 3, 4, 5) THEN ${ftsHighlight(INDEX, NAME_COLUMN, OPEN, CLOSE)}
        WHEN r."tier" IN (2, 6) THEN replace(${ftsSnippet(INDEX, ALIASES_COLUMN, OPEN, CLOSE, ELLIPSIS, 12)}, char(10), ', ')
        ELSE ${ftsSnippet(INDEX, -1, OPEN, CLOSE, ELLIPSIS, 16)} END
      FROM ${INDEX} WHERE ${ftsMatch(INDEX, queries.all)} AND "rowid" = r."key"
    ) END AS "snippet",
    CASE WHEN ${inPage} THEN CASE r."key" % 8 ${entityRows} END END AS "entity"
  FROM ranked r
  WHERE (${inPage}) OR r."rn" = 1
  ORDER BY r."rn"`,
  );
}

/** Every column of an entity row aliased `e` as one JSON object, for hydrate(). */
function entityJson(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): Sql {
  const e = sql`e`;
  return jsonObject(dataSource.getMetadata(entity).columns.map((c) => [c.databaseName, column(e, registryIdent(c.databaseName))] as const));
}

/** The vocabulary looked up for one misspelt word: terms of a length range starting with any of `starts`. */
export interface VocabularyLookup {
  word: string;
  starts: readonly string[];
  minLength: number;
  maxLength: number;
}

/** For each looked-up word (by index): one row saying whether any term starts with it, then one per candidate term. */
export interface VocabularyRow {
  word: number;
  term: string | null;
  entries: number | null;
  known: number;
}

/** The vocabulary rows of every word, in one statement. */
export function vocabularyRows(db: Queryable, lookups: readonly VocabularyLookup[]): Promise<VocabularyRow[]> {
  const startingWith = (prefix: string) => sql`"term" >= ${prefix} AND "term" < ${`${prefix}\u{10FFFF}`}`;
  const parts = lookups.flatMap(({ word, starts, minLength, maxLength }, i) => [
    sql`SELECT ${int(i)} AS "word", NULL AS "term", NULL AS "entries", EXISTS (SELECT 1 FROM ${VOCABULARY} WHERE ${startingWith(word)}) AS "known"`,
    ...starts.map(
      (start) =>
        sql`SELECT ${int(i)}, "term", "doc", 0 FROM ${VOCABULARY} WHERE ${startingWith(start)} AND length("term") BETWEEN ${minLength} AND ${maxLength}`,
    ),
  ]);
  return rows<VocabularyRow>(db, join(parts, sql` UNION ALL `));
}
