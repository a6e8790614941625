import { nameContains } from '../db/filters';
import { sql, type Sql } from '../db/sql';
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
    parts.push(sql`e."id" IN (SELECT rs."roleId" FROM "role_skill" rs JOIN "skill" s ON s."id" = rs."skillId" WHERE s."slug" = ${slug})`);
  }
  if (filter.hasTool) {
    const slug = parseSlugOrId(filter.hasTool, 'Tool', 'filter.hasTool');
    parts.push(sql`e."id" IN (SELECT rt."roleId" FROM "role_tool" rt JOIN "tool" t ON t."id" = rt."toolId" WHERE t."slug" = ${slug})`);
  }
  return parts;
}
