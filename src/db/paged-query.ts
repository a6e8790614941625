import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { OrderDirection } from '../shared/enums';
import type { PageWindow } from '../shared/page-window';
import { jsonArrayValues, nocase } from './dialect';
import { hydrate } from './hydrate';
import { and, int, join, registryIdent, rows as run, sql, type Sql } from './sql';

/** Sort orders every list understands; IMPORTANCE and the ratings only where the link has them. */
export type SortField = 'NAME' | 'IMPORTANCE' | 'IMPORTANCE_SCORE' | 'LEVEL' | 'RANK';

/**
 * ORDER BY for a sort over the listed entity `e` and its link `l`: always ends on the row id so
 * positions are stable. `nameColumn` comes from the model registry.
 */
export function orderSql(field: SortField, direction: OrderDirection, nameColumn = 'name'): Sql {
  const dir = direction === OrderDirection.DESC ? sql`DESC` : sql`ASC`;
  const byName = sql`${nocase(sql`e.${registryIdent(nameColumn)}`)} ${dir}, e."id" ${dir}`;
  const thenName = sql`${nocase(sql`e."name"`)} ASC, e."id" ASC`;
  switch (field) {
    case 'NAME':
      return byName;
    case 'IMPORTANCE':
      // 'ESSENTIAL' sorts before 'OPTIONAL'; names break ties in ascending order.
      return sql`l."importance" ${dir}, ${thenName}`;
    case 'IMPORTANCE_SCORE':
      return sql`l."importanceScore" ${dir} NULLS LAST, ${thenName}`;
    case 'LEVEL':
      return sql`l."level" ${dir} NULLS LAST, ${thenName}`;
    case 'RANK':
      return sql`l."rank" ${dir}, ${thenName}`;
  }
}

export interface PagedQuery<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  /**
   * Absent for a top-level list, which is one partition. Otherwise link rows with the columns
   * "linkId", "parent" and "child" and the `attributes` (src/model/paths.ts).
   */
  relation?: { rows: Sql; attributes: readonly string[] };
  parentIds?: readonly number[];
  /** Conditions on the listed entity, aliased `e`. */
  where?: readonly Sql[];
  /** ORDER BY for the window, over `e` and `l`; must end on a unique column so order is total. */
  orderBy: Sql;
  window: PageWindow;
}

/** One item of a page: the entity, its 1-based position, and the link it came through. */
export interface PageItem<T> {
  node: T;
  position: number;
  linkId: number | null;
  link: Record<string, unknown>;
}

export interface Page<T> {
  items: PageItem<T>[];
  totalCount: number;
  window: PageWindow;
}

/**
 * The SQL condition that keeps a window's rows, over a row's 1-based position and the size of its
 * list (column expressions). Every paged statement uses it: relations, search, graph rankings.
 */
export function inPageSql(window: PageWindow, position: Sql = sql`"__rn"`, total: Sql = sql`"__total"`): Sql {
  const { after, before, first, last } = window;
  const upper = before === null ? sql`${total} + 1` : int(before);
  const parts = [sql`${position} > ${int(after)}`, sql`${position} < ${upper}`];
  if (first !== null) parts.push(sql`${position} <= ${int(after + first)}`);
  if (last !== null) parts.push(sql`${position} >= ${upper} - ${int(last)}`);
  return join(parts, sql` AND `);
}

/**
 * Pages one relation for many parents in a single statement: ROW_NUMBER() numbers each parent's
 * items, COUNT(*) OVER gives each parent's total, and the outer WHERE keeps the requested window.
 * Position 1 is always kept (flagged out of page) so an empty window still reports its total.
 */
export async function pagedQuery<T extends ObjectLiteral>(dataSource: DataSource, query: PagedQuery<T>): Promise<Page<T>[]> {
  const table = registryIdent(dataSource.getMetadata(query.entity).tableName);
  const parentIds = query.relation ? (query.parentIds ?? []) : [0];
  const attributes = query.relation?.attributes ?? [];
  const conditions: Sql[] = [...(query.where ?? [])];
  if (query.relation) conditions.push(sql`l."parent" IN (${jsonArrayValues(parentIds)})`);
  const partition = query.relation ? sql`PARTITION BY l."parent"` : sql``;
  const linkColumns = query.relation
    ? join([
        sql`l."parent" AS "__parent"`,
        sql`l."linkId" AS "__linkId"`,
        ...attributes.map((c) => sql`l.${registryIdent(c)} AS ${registryIdent(`__l_${c}`)}`),
      ])
    : sql`0 AS "__parent", NULL AS "__linkId"`;
  const from = query.relation ? sql`${query.relation.rows} l JOIN ${table} e ON e."id" = l."child"` : sql`${table} e`;
  const inPage = inPageSql(query.window);
  const statement = sql`SELECT *, (${inPage}) AS "__inPage" FROM (
    SELECT e.*, ${linkColumns},
      ROW_NUMBER() OVER (${partition} ORDER BY ${query.orderBy}) AS "__rn",
      COUNT(*) OVER (${partition}) AS "__total"
    FROM ${from}
    WHERE ${and(conditions)}
  ) WHERE (${inPage}) OR "__rn" = 1
  ORDER BY "__parent", "__rn"`;
  const rows: Record<string, unknown>[] = parentIds.length ? await run(dataSource, statement) : [];

  const pages = new Map<number, Page<T>>(parentIds.map((id) => [id, { items: [], totalCount: 0, window: query.window }]));
  for (const row of rows) {
    const page = pages.get(Number(row.__parent));
    if (!page) continue;
    page.totalCount = Number(row.__total);
    if (!row.__inPage) continue;
    const link: Record<string, unknown> = {};
    for (const c of attributes) link[c] = row[`__l_${c}`];
    page.items.push({
      node: hydrate(dataSource, query.entity, row),
      position: Number(row.__rn),
      linkId: row.__linkId === null ? null : Number(row.__linkId),
      link,
    });
  }
  return parentIds.map((id) => pages.get(id)!);
}

/**
 * A top-level list's page without its total, or null when this shortcut cannot answer exactly.
 * `LIMIT first + 1 OFFSET after` in the sort's order reads only the page (an index on the sort
 * columns makes that a short index walk) and one more row, which tells whether a next page exists.
 * Backward windows, and an empty page after a cursor (where the flags need the true total), take
 * the full statement instead.
 */
export async function pageWithoutCount<T extends ObjectLiteral>(dataSource: DataSource, query: PagedQuery<T>): Promise<Page<T> | null> {
  const { after, before, first, last } = query.window;
  if (query.relation || before !== null || last !== null || first === null) return null;
  const table = registryIdent(dataSource.getMetadata(query.entity).tableName);
  const found = await run(
    dataSource,
    sql`SELECT e.* FROM ${table} e WHERE ${and(query.where ?? [])} ORDER BY ${query.orderBy} LIMIT ${int(first + 1)} OFFSET ${int(after)}`,
  );
  if (found.length === 0 && after > 0) return null;
  const items = found
    .slice(0, first)
    .map((row, i) => ({ node: hydrate(dataSource, query.entity, row), position: after + i + 1, linkId: null, link: {} }));
  // Not the list's size: enough for the page flags (a next page exists when the extra row came back).
  return { items, totalCount: after + found.length, window: query.window };
}

/**
 * One list's rows as a Page. The statement returns the rows in the window plus row 1 (flagged
 * `"__inPage" = 0` when outside it), so an empty window still learns its total.
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
