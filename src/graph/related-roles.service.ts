import type { DataSource } from 'typeorm';
import { Role } from '../role/role.entity';
import type { Importance } from '../shared/enums';
import { hydrate } from '../db/hydrate';
import type { Skill } from '../skill/skill.entity';
import type { Tool } from '../tool/tool.entity';
import { rowsToPage, type Page } from '../db/paged-query';
import { inPageSql as inPage_ } from '../db/paged-query';
import type { PageWindow } from '../shared/page-window';
import { itemKey, type Item, type ItemType } from './item';
import { byWeightThenName } from './order';
import { SharedSkill, SharedTool, type SharedItems } from './related-roles.types';
import { registryIdent } from '../db/sql';
import { weightSql } from '../model/weights';

// Interim: string SQL until this module's statements move to its store.
const roleSkillWeightSql = (alias: string) => weightSql('roleSkill', registryIdent(alias)).text;
const roleToolWeightSql = (alias: string) => weightSql('roleItem', registryIdent(alias)).text;
const inPageSql = (window: PageWindow) => inPage_(window).text;

/** What the statement returns for each shared item: [type, itemId, importance, relatedImportance, weight, relatedWeight]. */
type SharedRow = [ItemType, number, Importance, Importance, number, number];

/** A similar role's score and explanation, as one page item's link. */
export interface Similarity {
  score: number;
  sharedWeight: number;
  unionWeight: number;
  onetRank: number | null;
  onetTier: string | null;
  shared: SharedRow[];
}

/**
 * The shared skills and tools of pairs of roles, with the weight of each in both: `parents` is a
 * condition on the role asked about (`a`), `other` the id of the other role, or null for every
 * other role.
 */
function sharedItemsSql(parents: string, other: string | null): string {
  const arm = (type: ItemType, table: string, column: string, weight: (alias: string) => string) => `
    SELECT a."roleId" AS "parent", b."roleId" AS "other", '${type}' AS "type", a."${column}" AS "itemId",
      a."importance" AS "importance", b."importance" AS "relatedImportance", ${weight('a')} AS "weight", ${weight('b')} AS "relatedWeight"
    FROM "${table}" a JOIN "${table}" b ON b."${column}" = a."${column}" AND ${other === null ? `b."roleId" <> a."roleId"` : `b."roleId" = ${other}`}
    WHERE ${parents}`;
  return `${arm('Skill', 'role_skill', 'skillId', roleSkillWeightSql)} UNION ALL ${arm('Tool', 'role_tool', 'toolId', roleToolWeightSql)}`;
}

/**
 * Ranks, for each role asked about, every other role sharing at least one skill or tool with it,
 * by weighted Jaccard similarity over the union of skills and tools (weights in weights.ts):
 *
 *   score = Σ shared min(wA, wB) / Σ union max(wA, wB)
 *
 * where an item a role lacks weighs 0. The denominator is computed as totalA + totalB − numerator,
 * which is the same sum. Ties go by name, then id. Roles with nothing in common (score 0) are not
 * listed. One statement for all the roles asked about: it pages each role's list with ROW_NUMBER(),
 * joins O*NET's own rank where role_related has a row from this role to that one, and returns
 * the shared items of each edge in the page as JSON, so the explanation costs no extra query.
 */
export async function similarRolePages(dataSource: DataSource, roleIds: readonly number[], window: PageWindow): Promise<Page<Role>[]> {
  const inPage = inPageSql(window);
  const total = (table: string, weight: (alias: string) => string) =>
    `SELECT t."roleId", ${weight('t')} AS "w" FROM "${table}" t WHERE t."roleId" IN (SELECT "other" FROM pairs UNION SELECT "id" FROM parents)`;
  const rows: Record<string, unknown>[] = await dataSource.query(
    `WITH parents("id") AS (SELECT value FROM json_each(?)),
    pairs AS (
      SELECT "parent", "other", SUM(MIN("weight", "relatedWeight")) AS "sharedWeight"
      FROM (${sharedItemsSql(`a."roleId" IN (SELECT "id" FROM parents)`, null)})
      GROUP BY "parent", "other"
    ),
    totals AS (
      SELECT "roleId", SUM("w") AS "total"
      FROM (${total('role_skill', roleSkillWeightSql)} UNION ALL ${total('role_tool', roleToolWeightSql)})
      GROUP BY "roleId"
    ),
    scored AS (
      SELECT p."parent", p."other", p."sharedWeight", ta."total" + tb."total" - p."sharedWeight" AS "unionWeight"
      FROM pairs p JOIN totals ta ON ta."roleId" = p."parent" JOIN totals tb ON tb."roleId" = p."other"
    ),
    ranked AS (
      SELECT e.*, s."parent" AS "__parent", s."sharedWeight" AS "__sharedWeight", s."unionWeight" AS "__unionWeight",
        s."sharedWeight" / s."unionWeight" AS "__score",
        ROW_NUMBER() OVER (PARTITION BY s."parent" ORDER BY s."sharedWeight" / s."unionWeight" DESC, e."name" COLLATE NOCASE ASC, e."id" ASC) AS "__rn",
        COUNT(*) OVER (PARTITION BY s."parent") AS "__total"
      FROM scored s JOIN "role" e ON e."id" = s."other"
    )
    SELECT r.*, (${inPage}) AS "__inPage", rr."rank" AS "__onetRank", rr."tier" AS "__onetTier",
      CASE WHEN (${inPage}) THEN (
        SELECT json_group_array(json_array(x."type", x."itemId", x."importance", x."relatedImportance", x."weight", x."relatedWeight"))
        FROM (${sharedItemsSql(`a."roleId" = r."__parent"`, `r."id"`)}) x
      ) END AS "__shared"
    FROM ranked r LEFT JOIN "role_related" rr ON rr."roleId" = r."__parent" AND rr."relatedRoleId" = r."id"
    WHERE (${inPage}) OR r."__rn" = 1
    ORDER BY r."__parent", r."__rn"`,
    [JSON.stringify(roleIds)],
  );
  const byParent = new Map<number, Record<string, unknown>[]>();
  for (const row of rows) {
    const list = byParent.get(Number(row.__parent)) ?? [];
    list.push(row);
    byParent.set(Number(row.__parent), list);
  }
  return roleIds.map((id) => rowsToPage(byParent.get(id) ?? [], window, (row) => hydrate(dataSource, Role, row)));
}

/** The similarity figures of a page item. */
export function similarityOf(link: Record<string, unknown>): Similarity {
  return {
    score: Number(link.__score),
    sharedWeight: Number(link.__sharedWeight),
    unionWeight: Number(link.__unionWeight),
    onetRank: link.__onetRank === null || link.__onetRank === undefined ? null : Number(link.__onetRank),
    onetTier: link.__onetTier === null || link.__onetTier === undefined ? null : String(link.__onetTier),
    shared: JSON.parse(String(link.__shared ?? '[]')) as SharedRow[],
  };
}

/** Loads the skills and tools behind a similarity and orders them by contribution, then name. */
export async function loadSharedItems(shared: readonly SharedRow[], load: (key: string) => Promise<Item | null>): Promise<SharedItems> {
  const items = await Promise.all(shared.map(([type, id]) => load(itemKey(type, id))));
  const result: SharedItems = { skills: [], tools: [] };
  shared.forEach(([type, , importance, relatedImportance, weight, relatedWeight], i) => {
    const item = items[i];
    if (!item) return;
    const figures = { importance, relatedImportance, weight, relatedWeight, contribution: Math.min(weight, relatedWeight) };
    if (type === 'Skill') result.skills.push(Object.assign(new SharedSkill(), figures, { skill: item as Skill }));
    else result.tools.push(Object.assign(new SharedTool(), figures, { tool: item as Tool }));
  });
  result.skills.sort(byWeightThenName((s) => [s.contribution, s.skill]));
  result.tools.sort(byWeightThenName((t) => [t.contribution, t.tool]));
  return result;
}
