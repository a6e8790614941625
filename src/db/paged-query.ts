import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { encodeKeyCursor } from '../shared/cursor';
import type { KeyWindow, PageWindow } from '../shared/page-window';
import { correlatedRows, jsonArrayValues } from './dialect';
import { hydrate } from './hydrate';
import { afterKeySql, atOrAfterKeySql, atOrBeforeKeySql, beforeKeySql, keyColumns, orderSql, readKey, type SortKey } from './keyset';
import { and, int, join, registryIdent, rows as run, sql, type Sql } from './sql';

/** One item of a ranked page: the entity, its 1-based position, and the link it came through. */
export interface PageItem<T> {
  node: T;
  position: number;
  linkId: number | null;
  link: Record<string, unknown>;
}

/** A page of a ranked list (search, matchRoles, relatedRoles, rankings), in positions. */
export interface Page<T> {
  items: PageItem<T>[];
  totalCount: number;
  window: PageWindow;
}

/** One item of a list paged by key: the entity, its cursor, and the link it came through. */
export type ListItem<T> = Omit<PageItem<T>, 'position'> & { cursor: string };

/** A page of a list paged by key. `totalCount` is null when it was not asked for, and not counted. */
export interface ListPage<T> {
  items: ListItem<T>[];
  totalCount: number | null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** What a page of a list needs: the entity, conditions on it (aliased `e`), the order and the window. */
export interface ListQuery<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  where?: readonly Sql[];
  sort: SortKey;
  window: KeyWindow;
}

/**
 * The SQL condition that keeps a window's rows, over a row's 1-based position and the size of its
 * list (column expressions). Ranked lists page with it (search, graph rankings).
 */
export function inPageSql(window: PageWindow, position: Sql = sql`"__rn"`, total: Sql = sql`"__total"`): Sql {
  const after = int(window.after);
  const upper = window.before === null ? sql`${total} + 1` : int(window.before);
  const parts = [sql`${position} > ${after}`, sql`${position} < ${upper}`];
  if (window.first !== null) parts.push(sql`${position} <= ${after} + ${int(window.first)}`);
  if (window.last !== null) parts.push(sql`${position} >= ${upper} - ${int(window.last)}`);
  return join(parts, sql` AND `);
}

/** A WHERE clause, or none for no conditions (so an unfiltered COUNT(*) takes SQLite's count shortcut). */
const where = (conditions: readonly Sql[]): Sql => (conditions.length ? sql`WHERE ${and(conditions)}` : sql``);

/**
 * A page of a top-level list (`roles`, `tools`, ...) in one statement that reads only the page:
 * the rows after the `after` key (and before the `before` key) in the sort's order, `LIMIT n + 1`,
 * which the list-order index answers with a short walk; the extra row says whether another page
 * follows. `last` reads the range backward from its end. The total, when `count` asks for it, and
 * whether rows lie beyond each cursor, are scalar subqueries of the same statement; only an empty
 * page after a cursor, which has no row to carry them, reads them in a second statement.
 */
export async function listPage<T extends ObjectLiteral>(
  dataSource: DataSource,
  query: ListQuery<T> & { count: boolean },
): Promise<ListPage<T>> {
  const { sort, window } = query;
  const { after, before } = window;
  const backward = window.last !== null;
  const size = window.last ?? window.first!;
  const table = registryIdent(dataSource.getMetadata(query.entity).tableName);
  const filter = query.where ?? [];
  const range = [...filter];
  if (after) range.push(afterKeySql(sort, after));
  if (before) range.push(beforeKeySql(sort, before));
  const any = (condition: Sql) => sql`EXISTS (SELECT 1 FROM ${table} e ${where([...filter, condition])})`;
  const facts: Sql[] = [];
  // Unfiltered, SQLite counts the cells of the smallest index without reading a row.
  if (query.count) facts.push(sql`(SELECT COUNT(*) FROM ${table} e ${where(filter)}) AS "__total"`);
  if (after) facts.push(sql`${any(atOrBeforeKeySql(sort, after))} AS "__earlier"`);
  if (before) facts.push(sql`${any(atOrAfterKeySql(sort, before))} AS "__later"`);

  const rows = await run(
    dataSource,
    sql`SELECT e.*, ${join([keyColumns(sort), ...facts])} FROM ${table} e ${where(range)}
    ORDER BY ${orderSql(sort, backward)} LIMIT ${int(size + 1)}`,
  );
  // With no cursor, an empty page means an empty list: no rows anywhere, a total of 0.
  const known = rows[0] ?? (facts.length && (after || before) ? (await run(dataSource, sql`SELECT ${join(facts)}`))[0] : {});
  const more = rows.length > size;
  const found = rows.slice(0, size);
  if (backward) found.reverse();
  return {
    items: found.map((row) => ({
      node: hydrate(dataSource, query.entity, row),
      cursor: encodeKeyCursor(sort.order, readKey(sort, row)),
      linkId: null,
      link: {},
    })),
    totalCount: query.count ? Number(known.__total ?? 0) : null,
    hasPreviousPage: (backward && more) || Boolean(known.__earlier),
    hasNextPage: (!backward && more) || Boolean(known.__later),
  };
}

/**
 * Pages one relation for many parents in a single statement, each parent by its own keys. Each
 * parent's page is a correlated subquery, `ORDER BY key LIMIT n + 1` over that parent's link rows
 * alone (the extra row says whether another page follows); it yields only link ids, so the sort
 * handles narrow rows, and the outer query reads the child's columns for the page's rows only.
 * The parents are a materialized CTE holding each parent's facts (its total, and whether rows lie
 * beyond each cursor), so a parent with an empty page still has one row, and the facts are
 * counted once per parent. `last` reads the range backward, as a top-level list does. A cursor's
 * key means the same for every parent, and stays right when rows are added before it.
 */
export async function relationPages<T extends ObjectLiteral>(
  dataSource: DataSource,
  query: ListQuery<T> & { relation: { rows: Sql; linkIdIsKey: boolean; attributes: readonly string[] }; parentIds: readonly number[] },
): Promise<ListPage<T>[]> {
  const { sort, window, parentIds } = query;
  if (!parentIds.length) return [];
  const { after, before } = window;
  const backward = window.last !== null;
  const size = window.last ?? window.first!;
  const table = registryIdent(dataSource.getMetadata(query.entity).tableName);
  // A symmetric table's rows come from a UNION of its two directions, which has no key to seek:
  // the parents' rows are gathered once, and each parent's rows found in them.
  const keyed = query.relation.linkIdIsKey;
  const rows = keyed ? query.relation.rows : sql`"__links"`;
  const attributes = query.relation.attributes;
  const filter = query.where ?? [];
  const ofParent = sql`l."parent" = "__p"."value"`;
  // The parent's link rows joined to their children, under `conditions`; the aliases `l` and `e`
  // shadow the outer query's, so the filters and keys read the same in every subquery.
  const linked = (conditions: readonly Sql[]) =>
    sql`FROM ${rows} l JOIN ${table} e ON e."id" = l."child" WHERE ${and([ofParent, ...filter, ...conditions])}`;
  const range: Sql[] = [];
  if (after) range.push(afterKeySql(sort, after));
  if (before) range.push(beforeKeySql(sort, before));
  // Unfiltered, the count is a range of the link table's parent index; the foreign keys keep every child present.
  const facts = [
    filter.length
      ? sql`(SELECT COUNT(*) ${linked([])}) AS "__total"`
      : sql`(SELECT COUNT(*) FROM ${rows} l WHERE ${ofParent}) AS "__total"`,
    after ? sql`EXISTS (SELECT 1 ${linked([atOrBeforeKeySql(sort, after)])}) AS "__earlier"` : sql`0 AS "__earlier"`,
    before ? sql`EXISTS (SELECT 1 ${linked([atOrAfterKeySql(sort, before)])}) AS "__later"` : sql`0 AS "__later"`,
  ];
  const page = sql`SELECT l."linkId" ${linked(range)} ORDER BY ${orderSql(sort, backward)} LIMIT ${int(size + 1)}`;
  // Read by key, the page's ids drive the join, so the subquery runs once per parent.
  const inPage = keyed ? sql`l."linkId" IN (${page})` : sql`${ofParent} AND l."linkId" IN (${page})`;
  const parents = jsonArrayValues(parentIds);
  const links = keyed ? sql`` : sql`"__links" AS MATERIALIZED (SELECT * FROM ${query.relation.rows} l WHERE l."parent" IN (${parents})), `;
  const statement = sql`WITH ${links}"__facts" AS MATERIALIZED (SELECT "__p"."value", ${join(facts)} FROM (${parents}) "__p")
  SELECT e.*, "__p"."value" AS "__parent", "__p"."__total", "__p"."__earlier", "__p"."__later",
    l."child" AS "__child", l."linkId" AS "__linkId",
    ${join([...attributes.map((c) => sql`l.${registryIdent(c)} AS ${registryIdent(`__l_${c}`)}`), keyColumns(sort)])}
  FROM "__facts" "__p" LEFT JOIN ${correlatedRows(rows, inPage)}
  LEFT JOIN ${table} e ON e."id" = l."child"
  ORDER BY "__p"."value", ${orderSql(sort, backward)}`;
  const found: Record<string, unknown>[] = await run(dataSource, statement);

  // Each parent's rows in order; every row carries the parent's facts, and a parent with an empty page has one row with no link.
  const byParent = new Map<number, { known: Record<string, unknown>; linkRows: Record<string, unknown>[] }>();
  for (const row of found) {
    const parent = Number(row.__parent);
    let entry = byParent.get(parent);
    if (!entry) byParent.set(parent, (entry = { known: row, linkRows: [] }));
    if (row.__child !== null) entry.linkRows.push(row);
  }
  return parentIds.map((id) => {
    const { known, linkRows } = byParent.get(id) ?? { known: {}, linkRows: [] };
    const more = linkRows.length > size;
    const pageRows = linkRows.slice(0, size);
    if (backward) pageRows.reverse();
    return {
      items: pageRows.map((row) => {
        const link: Record<string, unknown> = {};
        for (const c of attributes) link[c] = row[`__l_${c}`];
        return {
          node: hydrate(dataSource, query.entity, row),
          cursor: encodeKeyCursor(sort.order, readKey(sort, row)),
          linkId: row.__linkId === null ? null : Number(row.__linkId),
          link,
        };
      }),
      totalCount: Number(known.__total ?? 0),
      hasPreviousPage: (backward && more) || Boolean(known.__earlier),
      hasNextPage: (!backward && more) || Boolean(known.__later),
    };
  });
}

/**
 * One ranked list's rows as a Page. The statement returns the rows in the window plus row 1
 * (flagged `"__inPage" = 0` when outside it), so an empty window still learns its total.
 */
export function rowsToPage<T>(
  rows: readonly Record<string, unknown>[],
  window: PageWindow,
  toNode: (row: Record<string, unknown>) => T,
): Page<T> {
  const page: Page<T> = { items: [], totalCount: 0, window };
  for (const row of rows) {
    page.totalCount = Number(row.__total);
    if (!row.__inPage) continue;
    page.items.push({ node: toNode(row), position: Number(row.__rn), linkId: null, link: row });
  }
  return page;
}
