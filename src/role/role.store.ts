import { nameContains } from '../db/filters';
import { sql, type Sql } from '../db/sql';
import { nodeTable, relationSql } from '../model/paths';
import { parseSlugOrId } from '../shared/global-id';
import type { RoleFilter } from './role.inputs';

/** The conditions of a role list's `filter`, over the listed role aliased `e`. */
export function roleFilterSql(filter: RoleFilter | undefined): Sql[] {
  const parts = nameContains(filter?.nameContains);
  if (!filter) return parts;
  if (filter.jobZone !== undefined && filter.jobZone !== null) parts.push(sql`e."jobZone" = ${filter.jobZone}`);
  if (filter.externalCode !== undefined && filter.externalCode !== null) parts.push(sql`e."externalCode" = ${filter.externalCode}`);
  if (filter.hasSkill) {
    const slug = parseSlugOrId(filter.hasSkill, 'Skill', 'filter.hasSkill');
    parts.push(hasLinkTo('roleSkill', slug));
  }
  if (filter.hasTool) {
    const slug = parseSlugOrId(filter.hasTool, 'Tool', 'filter.hasTool');
    parts.push(hasLinkTo('roleTool', slug));
  }
  return parts;
}

/** The role `e` links, through the relation, to the skill or tool with this slug. */
function hasLinkTo(relation: 'roleSkill' | 'roleTool', slug: string): Sql {
  const link = relationSql(relation);
  const target = nodeTable(relation === 'roleSkill' ? 'skill' : 'tool');
  return sql`e."id" IN (SELECT l.${link.from} FROM ${link.table} l JOIN ${target} t ON t."id" = l.${link.to} WHERE t."slug" = ${slug})`;
}
