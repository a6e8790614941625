import { nameContains } from '../db/filters';
import { sql, type Sql } from '../db/sql';
import type { CategoryFilter } from './category.inputs';

/** The conditions of a category list's `filter`, over the listed category aliased `e`. */
export function categoryFilterSql(filter: CategoryFilter | undefined): Sql[] {
  const parts = nameContains(filter?.nameContains, 'name', false);
  if (filter?.topLevel === true) parts.push(sql`e."parentId" IS NULL`);
  if (filter?.topLevel === false) parts.push(sql`e."parentId" IS NOT NULL`);
  return parts;
}
