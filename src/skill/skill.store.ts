import { inCategory, nameContains } from '../db/filters';
import { sql, type Sql } from '../db/sql';
import type { SkillFilter } from './skill.inputs';

/** The conditions of a skill list's `filter`, over the listed skill aliased `e`. */
export function skillFilterSql(filter: SkillFilter | undefined): Sql[] {
  return [
    ...nameContains(filter?.nameContains),
    ...inCategory(filter?.category),
    ...(filter?.kind ? [sql`e."kind" = ${filter.kind}`] : []),
  ];
}
