import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { hydrate } from './hydrate';
import { inPageSql, type PageWindow } from './page-window';
import { and, placeholders, type Sql } from './sql';

/**
 * A relation as link rows: an SQL source with the columns "linkId", "parent" and "child"
 * (plus any extra link attributes), so one helper pages every relation, stored in a link table,
 * a foreign key, or both directions of a symmetric link.
 */
export interface RelationSource {
  from: string;
  /** Link columns to carry onto the edge (e.g. importance). */
  extras?: readonly string[];
}

export interface PagedQuery<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  /** Absent for a top-level list, which is one partition. */
  relation?: RelationSource;
  parentIds?: readonly number[];
  /** Conditions on the listed entity, aliased `e`. */
  where?: readonly Sql[];
  /** ORDER BY for the window, over `e` and `l`; must end on a unique column so order is total. */
  orderBy: string;
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
 * Pages one relation for many parents in a single statement: ROW_NUMBER() numbers each parent's
 * items, COUNT(*) OVER gives each parent's total, and the outer WHERE keeps the requested window.
 * Position 1 is always kept (flagged out of page) so an empty window still reports its total.
 */
export async function pagedQuery<T extends ObjectLiteral>(dataSource: DataSource, query: PagedQuery<T>): Promise<Page<T>[]> {
  const table = dataSource.getMetadata(query.entity).tableName;
  const parentIds = query.relation ? (query.parentIds ?? []) : [0];
  const extras = query.relation?.extras ?? [];
  const conditions: Sql[] = [...(query.where ?? [])];
  if (query.relation) conditions.push({ text: `l."parent" IN (${placeholders(parentIds.length)})`, params: [...parentIds] });
  const where = and(conditions);
  const partition = query.relation ? 'PARTITION BY l."parent"' : '';
  const linkColumns = query.relation
    ? [`l."parent" AS "__parent"`, `l."linkId" AS "__linkId"`, ...extras.map((c) => `l."${c}" AS "__l_${c}"`)]
    : [`0 AS "__parent"`, `NULL AS "__linkId"`];
  const from = query.relation ? `${query.relation.from} l JOIN "${table}" e ON e."id" = l."child"` : `"${table}" e`;
  const inPage = inPageSql(query.window);
  const text = `SELECT *, (${inPage}) AS "__inPage" FROM (
    SELECT e.*, ${linkColumns.join(', ')},
      ROW_NUMBER() OVER (${partition} ORDER BY ${query.orderBy}) AS "__rn",
      COUNT(*) OVER (${partition}) AS "__total"
    FROM ${from}
    WHERE ${where.text}
  ) WHERE (${inPage}) OR "__rn" = 1
  ORDER BY "__parent", "__rn"`;
  const rows: Record<string, unknown>[] = parentIds.length ? await dataSource.query(text, where.params) : [];

  const pages = new Map<number, Page<T>>(parentIds.map((id) => [id, { items: [], totalCount: 0, window: query.window }]));
  for (const row of rows) {
    const page = pages.get(Number(row.__parent));
    if (!page) continue;
    page.totalCount = Number(row.__total);
    if (!row.__inPage) continue;
    const link: Record<string, unknown> = {};
    for (const c of extras) link[c] = row[`__l_${c}`];
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
