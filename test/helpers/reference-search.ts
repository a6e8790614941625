import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { ftsHighlight, ftsMatch, ftsRank, ftsSnippet, jsonObject, nocase, roundTo } from '../../src/db/dialect';
import { inPageSql } from '../../src/db/paged-query';
import { column, ident, int, join, registryIdent, rows, sql, type Sql } from '../../src/db/sql';
import type { SearchHitRow, SearchStatement } from '../../src/search/search.store';

/*
 * The search ranking as it was first written, kept as the reference the optimised statement in
 * src/search/search.store.ts must agree with: every hit gets its tier and bm25, every hit is
 * scored and numbered with window functions, and the window's hits (plus the first, for the
 * total) come back with snippet and entity. Slow on a broad word, and obviously right.
 */

const INDEX = ident('search_index');
const NAME_COLUMN = 0;
const ALIASES_COLUMN = 1;
const OPEN = '«';
const CLOSE = '»';
const ELLIPSIS = '…';

/** The line break between aliases in the index, bound as a value (engines spell it differently in SQL). */
const NEWLINE = '\n';

/** A LIKE pattern for `key` as one whole line of the aliases. */
function aliasLine(key: string): string {
  return `%\n${key.replace(/[\\%_]/g, (c) => `\\${c}`)}\n%`;
}

/** The window's hits (and hit 1, for the total), every hit ranked by tier then bm25; one statement. */
export function referenceSearchHitRows(dataSource: DataSource, statement: SearchStatement): Promise<SearchHitRow[]> {
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
  const isAlias = (key: string) => sql`(${NEWLINE} || lower(h."aliases") || ${NEWLINE}) LIKE ${aliasLine(key)} ESCAPE '\\'`;
  return rows<SearchHitRow>(
    dataSource,
    sql`WITH
    hits AS (
      SELECT "rowid" AS "key", "name", "aliases", ${ftsRank(INDEX, queries.all, [4, 2, 1])} AS "bm"
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
        WHEN h."key" IN (SELECT "rowid" FROM name_start) THEN 3
        WHEN h."key" IN (SELECT "rowid" FROM name_words) THEN 4
        WHEN h."key" IN (SELECT "rowid" FROM name_prefixes) THEN 5
        WHEN h."key" IN (SELECT "rowid" FROM title_prefixes) THEN 6
        ELSE 7 END AS "tier"
      FROM hits h
    ),
    scored AS (
      SELECT "key", "name", "tier", ${roundTo(
        sql`${factor} * CASE "tier"
        WHEN 1 THEN 1.0 WHEN 2 THEN 0.9 WHEN 3 THEN 0.81 + 0.04 * "rel" WHEN 4 THEN 0.71 + 0.08 * "rel"
        WHEN 5 THEN 0.61 + 0.08 * "rel" WHEN 6 THEN 0.51 + 0.08 * "rel" ELSE 0.1 + 0.35 * "rel" END`,
        4,
      )} AS "score"
      FROM (SELECT *, COALESCE("bm" / NULLIF(MIN("bm") OVER (PARTITION BY "tier"), 0), 1) AS "rel" FROM tiered) AS related
    ),
    ranked AS (
      SELECT *, ROW_NUMBER() OVER (ORDER BY "score" DESC, ${nocase(sql`"name"`)}, "key" % 8, "key" / 8) AS "rn", COUNT(*) OVER () AS "total"
      FROM scored
    )
  SELECT r."key", r."score", r."rn", r."total", (${inPage}) AS "inPage",
    CASE WHEN ${inPage} THEN (
      SELECT CASE
        WHEN r."tier" IN (1, 3, 4, 5) THEN ${ftsHighlight(INDEX, queries.all, NAME_COLUMN, OPEN, CLOSE)}
        WHEN r."tier" IN (2, 6) THEN replace(${ftsSnippet(INDEX, queries.all, ALIASES_COLUMN, OPEN, CLOSE, ELLIPSIS, 12)}, ${NEWLINE}, ', ')
        ELSE ${ftsSnippet(INDEX, queries.all, -1, OPEN, CLOSE, ELLIPSIS, 16)} END
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
