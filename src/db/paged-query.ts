import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { encodeKeyCursor } from '../shared/cursor';
import { pageFlags, type KeyWindow, type PageWindow } from '../shared/page-window';
import { jsonArrayValues } from './dialect';
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
 * list (column expressions). Ranked lists page with it (search, graph rankings), and so do the
 * relation pages once their cursors' keys are turned into positions.
 */
export function inPageSql(window: PageWindow, position: Sql = sql`"__rn"`, total: Sql = sql`"__total"`): Sql {
  return positionsSql(
    { after: int(window.after), before: window.before === null ? null : int(window.before), first: window.first, last: window.last },
    position,
    total,
  );
}

function positionsSql(
  window: { after: Sql; before: Sql | null; first: number | null; last: number | null },
  position: Sql,
  total: Sql,
): Sql {
  const { after, before, first, last } = window;
  const upper = before ?? sql`${total} + 1`;
  const parts = [sql`${position} > ${after}`, sql`${position} < ${upper}`];
  if (first !== null) parts.push(sql`${position} <= ${after} + ${int(first)}`);
  if (last !== null) parts.push(sql`${position} >= ${upper} - ${int(last)}`);
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
 * Pages one relation for many parents in a single statement, each parent by its own keys:
 * ROW_NUMBER() numbers each parent's items in the sort's order, COUNT(*) OVER gives each parent's
 * total, and two more window sums turn the cursors' keys into each parent's positions (how many
 * of its items lie at or before `after`, and before `before`), so the outer WHERE keeps every
 * parent's window at once. A cursor's key means the same for every parent, and stays right when
 * rows are added before it. Position 1 is always kept (flagged out of page) so an empty window
 * still reports its total and bounds.
 */
export async function relationPages<T extends ObjectLiteral>(
  dataSource: DataSource,
  query: ListQuery<T> & { relation: { rows: Sql; attributes: readonly string[] }; parentIds: readonly number[] },
): Promise<ListPage<T>[]> {
  const { sort, window, parentIds } = query;
  const table = registryIdent(dataSource.getMetadata(query.entity).tableName);
  const attributes = query.relation.attributes;
  const partition = sql`PARTITION BY l."parent"`;
  const countWhere = (condition: Sql) => sql`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END) OVER (${partition})`;
  const afterPosition = window.after ? countWhere(atOrBeforeKeySql(sort, window.after)) : sql`0`;
  const beforePosition = window.before ? sql`${countWhere(beforeKeySql(sort, window.before))} + 1` : sql`NULL`;
  const inPage = positionsSql(
    { after: sql`"__after"`, before: window.before ? sql`"__before"` : null, first: window.first, last: window.last },
    sql`"__rn"`,
    sql`"__total"`,
  );
  const statement = sql`SELECT *, (${inPage}) AS "__inPage" FROM (
    SELECT e.*, l."parent" AS "__parent", l."linkId" AS "__linkId",
      ${join([...attributes.map((c) => sql`l.${registryIdent(c)} AS ${registryIdent(`__l_${c}`)}`), keyColumns(sort)])},
      ROW_NUMBER() OVER (${partition} ORDER BY ${orderSql(sort)}) AS "__rn",
      COUNT(*) OVER (${partition}) AS "__total",
      ${afterPosition} AS "__after",
      ${beforePosition} AS "__before"
    FROM ${query.relation.rows} l JOIN ${table} e ON e."id" = l."child"
    WHERE ${and([...(query.where ?? []), sql`l."parent" IN (${jsonArrayValues(parentIds)})`])}
  ) WHERE (${inPage}) OR "__rn" = 1
  ORDER BY "__parent", "__rn"`;
  const rows: Record<string, unknown>[] = parentIds.length ? await run(dataSource, statement) : [];

  const byParent = new Map<number, Record<string, unknown>[]>();
  for (const row of rows) {
    const parent = Number(row.__parent);
    let list = byParent.get(parent);
    if (!list) byParent.set(parent, (list = []));
    list.push(row);
  }
  return parentIds.map((id) => {
    const found = byParent.get(id) ?? [];
    const inPageRows = found.filter((row) => row.__inPage);
    const bounds = found[0];
    const totalCount = bounds ? Number(bounds.__total) : 0;
    const flags = pageFlags(
      inPageRows.length ? Number(inPageRows[0].__rn) : undefined,
      inPageRows.length ? Number(inPageRows[inPageRows.length - 1].__rn) : undefined,
      totalCount,
      { after: bounds ? Number(bounds.__after) : 0, before: bounds && bounds.__before !== null ? Number(bounds.__before) : null },
    );
    return {
      items: inPageRows.map((row) => {
        const link: Record<string, unknown> = {};
        for (const c of attributes) link[c] = row[`__l_${c}`];
        return {
          node: hydrate(dataSource, query.entity, row),
          cursor: encodeKeyCursor(sort.order, readKey(sort, row)),
          linkId: row.__linkId === null ? null : Number(row.__linkId),
          link,
        };
      }),
      totalCount,
      ...flags,
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
