import { inCategory, nameContains } from '../db/filters';
import { sql, type Sql } from '../db/sql';
import { relationSql } from '../model/paths';
import type { ToolFilter } from './tool.inputs';

/** The conditions of a tool list's `filter`, over the listed tool aliased `e`. */
export function toolFilterSql(filter: ToolFilter | undefined): Sql[] {
  const parts = [...nameContains(filter?.nameContains), ...inCategory(filter?.category)];
  if (filter?.kind) parts.push(sql`e."kind" = ${filter.kind}`);
  const link = relationSql('roleTool');
  const flags = { hotTechnology: sql`rt."hotTechnology"`, inDemand: sql`rt."inDemand"` };
  for (const flag of ['hotTechnology', 'inDemand'] as const) {
    const value = filter?.[flag];
    if (value === undefined || value === null) continue;
    parts.push(
      sql`${value ? sql`` : sql`NOT `}EXISTS (SELECT 1 FROM ${link.table} rt WHERE rt.${link.to} = e."id" AND ${flags[flag]} = TRUE)`,
    );
  }
  return parts;
}
