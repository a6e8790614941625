import type { Page } from '../shared/paged-query';
import type { PageWindow } from '../shared/page-window';

/**
 * The condition that keeps a page window's rows, over a ranked row's `"__rn"` (1-based position)
 * and `"__total"` (size of its list): the same rule as shared/paged-query.ts, for statements that
 * rank by a computed score and so cannot go through that helper. Window values are validated
 * integers, never client text.
 */
export function inPageSql(window: PageWindow): string {
  const { after, before, first, last } = window;
  const upper = before === null ? `"__total" + 1` : String(before);
  return [
    `"__rn" > ${after}`,
    `"__rn" < ${upper}`,
    first === null ? null : `"__rn" <= ${after + first}`,
    last === null ? null : `"__rn" >= ${upper} - ${last}`,
  ]
    .filter(Boolean)
    .join(' AND ');
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
