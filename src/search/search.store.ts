import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { ftsHighlight, ftsMatch, ftsRank, ftsSnippet, jsonObject, nocase, orderedJoin, roundTo } from '../db/dialect';
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

/** The line break between aliases in the index, bound as a value (engines spell it differently in SQL). */
const NEWLINE = '\n';

/** A LIKE pattern for `key` as one whole line of the aliases. */
function aliasLine(key: string): string {
  return `%\n${key.replace(/[\\%_]/g, (c) => `\\${c}`)}\n%`;
}

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
  /**
   * Every word is in the aliases: where an alias equal to the query can be (an alias equal to the
   * query holds its words, as the tokenizer cuts them), so only these hits' aliases are read.
   */
  inAliases: string;
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

/**
 * One ranked hit of the page: index row id (`entity id * 8 + code`), score, position, snippet and
 * entity JSON; or, first of the rows, the total alone (key null, position 0, not in the page).
 */
export interface SearchHitRow {
  key: number | null;
  score: number | null;
  rn: number;
  total: number | null;
  inPage: number;
  snippet: string | null;
  entity: string | null;
}

/**
 * The page of hits ranked by tier then bm25 (see search.service.ts), with snippet and entity row,
 * after one row holding the total; one statement.
 *
 * Only the page's tiers are ranked. Every hit gets its tier first from sets of row ids, without
 * reading its text or relevance: exact names from each table's list-order index, exact aliases
 * among the hits whose aliases hold the words, then the name queries. The tiers' bands of scores do not overlap, so the
 * tiers take consecutive positions, and a tier's positions are known from the counts of the tiers
 * before it: numbering the hits by tier alone tells which tiers the page reaches. Only the hits of
 * those tiers are scored (bm25, scaled to their tier's best) and sorted, which on a broad word is
 * a small part of thousands of hits. Snippets are made for the page's hits in one more pass over
 * the matches (`+"rowid"` keeps FTS5 from re-running the query once per hit).
 */
export function searchHitRows(dataSource: DataSource, statement: SearchStatement): Promise<SearchHitRow[]> {
  const { queries, keys, codes, entities, window, factor } = statement;
  const entityRows = join(
    [...entities].map(
      ([code, entity]) =>
        sql`WHEN ${int(code)} THEN (SELECT ${entityJson(dataSource, entity)} FROM ${registryIdent(dataSource.getMetadata(entity).tableName)} e WHERE e."id" = p."key" / 8)`,
    ),
    sql` `,
  );
  const matching = (query: string) => sql`SELECT "rowid" FROM ${INDEX} WHERE ${ftsMatch(INDEX, query)}`;
  /** The matches of `query`, read once more, limited to the hits in `keys` (a query on them). */
  const matchesAmong = (query: string, keys: Sql) => sql`${ftsMatch(INDEX, query)} AND +"rowid" IN (${keys})`;
  const isAlias = (key: string) => sql`(${NEWLINE} || lower("aliases") || ${NEWLINE}) LIKE ${aliasLine(key)} ESCAPE '\\'`;
  return rows<SearchHitRow>(
    dataSource,
    sql`WITH
    name_start AS (${matching(queries.nameStart)}),
    name_words AS (${matching(queries.nameWords)}),
    name_prefixes AS (${matching(queries.namePrefixes)}),
    title_prefixes AS (${matching(queries.nameOrAliases)}),
    exact_names AS (${exactNames(dataSource, entities, keys)}),
    exact_aliases AS (SELECT "rowid" FROM ${INDEX} WHERE ${ftsMatch(INDEX, queries.inAliases)} AND (${isAlias(keys[0])} OR ${isAlias(keys[1])})),
    hits AS MATERIALIZED (
      SELECT "rowid" AS "key", CASE
        WHEN "rowid" IN (SELECT "rowid" FROM exact_names) THEN 1
        WHEN "rowid" IN (SELECT "rowid" FROM exact_aliases) THEN 2
        WHEN "rowid" IN (SELECT "rowid" FROM name_start) THEN 3
        WHEN "rowid" IN (SELECT "rowid" FROM name_words) THEN 4
        WHEN "rowid" IN (SELECT "rowid" FROM name_prefixes) THEN 5
        WHEN "rowid" IN (SELECT "rowid" FROM title_prefixes) THEN 6
        ELSE 7 END AS "tier"
      FROM ${INDEX} WHERE ${ftsMatch(INDEX, queries.all)} AND "rowid" % 8 IN (${join(codes.map(int))})
    ),
    tiers AS (SELECT "tier", COUNT(*) AS "n" FROM hits GROUP BY "tier"),
    placed AS (SELECT "tier", SUM("n") OVER (ORDER BY "tier" ROWS UNBOUNDED PRECEDING) - "n" AS "start", SUM("n") OVER () AS "total" FROM tiers),
    wanted AS (
      SELECT DISTINCT "tier" FROM (SELECT "tier", ROW_NUMBER() OVER (ORDER BY "tier") AS "p", COUNT(*) OVER () AS "t" FROM hits) AS numbered
      WHERE ${inPageSql(window, sql`"p"`, sql`"t"`)}
    ),
    rated AS MATERIALIZED (
      SELECT "rowid" AS "key", "name", ${ftsRank(INDEX, queries.all, [4, 2, 1])} AS "bm" FROM ${INDEX}
      WHERE ${matchesAmong(queries.all, sql`SELECT "key" FROM hits WHERE "tier" IN (SELECT "tier" FROM wanted)`)}
    ),
    best AS (SELECT h."tier", MIN(r."bm") AS "bm" FROM rated r JOIN hits h ON h."key" = r."key" GROUP BY h."tier"),
    scored AS (
      SELECT h."key", h."name", h."tier", ${roundTo(
        sql`${factor} * CASE h."tier"
        WHEN 1 THEN 1.0 WHEN 2 THEN 0.9 WHEN 3 THEN 0.81 + 0.04 * "rel" WHEN 4 THEN 0.71 + 0.08 * "rel"
        WHEN 5 THEN 0.61 + 0.08 * "rel" WHEN 6 THEN 0.51 + 0.08 * "rel" ELSE 0.1 + 0.35 * "rel" END`,
        4,
      )} AS "score"
      FROM (
        SELECT r."key", r."name", h."tier", COALESCE(r."bm" / NULLIF(b."bm", 0), 1) AS "rel"
        FROM rated r JOIN hits h ON h."key" = r."key" JOIN best b ON b."tier" = h."tier"
      ) h
    ),
    ranked AS (
      SELECT s.*, p."total", p."start" + ROW_NUMBER() OVER (PARTITION BY s."tier" ORDER BY s."score" DESC, ${nocase(sql`s."name"`)}, s."key" % 8, s."key" / 8) AS "rn"
      FROM scored s JOIN placed p ON p."tier" = s."tier"
    ),
    page AS MATERIALIZED (SELECT * FROM ranked WHERE ${inPageSql(window, sql`"rn"`, sql`"total"`)}),
    snippets AS MATERIALIZED (
      SELECT p."key", CASE
        WHEN p."tier" IN (1, 3, 4, 5) THEN ${ftsHighlight(INDEX, queries.all, NAME_COLUMN, OPEN, CLOSE)}
        WHEN p."tier" IN (2, 6) THEN replace(${ftsSnippet(INDEX, queries.all, ALIASES_COLUMN, OPEN, CLOSE, ELLIPSIS, 12)}, ${NEWLINE}, ', ')
        ELSE ${ftsSnippet(INDEX, queries.all, -1, OPEN, CLOSE, ELLIPSIS, 16)} END AS "snippet"
      FROM ${INDEX} ${orderedJoin()} page p ON p."key" = ${INDEX}."rowid" WHERE ${ftsMatch(INDEX, queries.all)}
    )
  SELECT NULL AS "key", NULL AS "score", 0 AS "rn", (SELECT SUM("n") FROM tiers) AS "total", 0 AS "inPage", NULL AS "snippet", NULL AS "entity"
  UNION ALL
  SELECT p."key", p."score", p."rn", p."total", 1, s."snippet", CASE p."key" % 8 ${entityRows} END
  FROM page p LEFT JOIN snippets s ON s."key" = p."key"
  ORDER BY "rn"`,
  );
}

/**
 * The index row ids of the searched entities whose name is one of `keys`, ignoring ASCII case as
 * `lower()` does: a lookup in each table's list-order index (`name COLLATE NOCASE`), so no hit's
 * name has to be read to find them.
 */
function exactNames(
  dataSource: DataSource,
  entities: ReadonlyMap<number, EntityTarget<ObjectLiteral>>,
  keys: readonly [string, string],
): Sql {
  const arms = [...entities].map(([code, entity]) => {
    const table = registryIdent(dataSource.getMetadata(entity).tableName);
    return sql`SELECT "id" * 8 + ${int(code)} AS "rowid" FROM ${table} WHERE ${nocase(sql`"name"`)} IN (${keys[0]}, ${keys[1]})`;
  });
  return join(arms, sql` UNION ALL `);
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
    sql`SELECT ${int(i)} AS "word", NULL AS "term", NULL AS "entries", CASE WHEN EXISTS (SELECT 1 FROM ${VOCABULARY} WHERE ${startingWith(word)}) THEN 1 ELSE 0 END AS "known"`,
    ...starts.map(
      (start) =>
        sql`SELECT ${int(i)}, "term", "doc", 0 FROM ${VOCABULARY} WHERE ${startingWith(start)} AND length("term") BETWEEN ${minLength} AND ${maxLength}`,
    ),
  ]);
  return rows<VocabularyRow>(db, join(parts, sql` UNION ALL `));
}
