import type { DataSource } from 'typeorm';
import { Role } from '../role/role.entity';
import { Importance } from '../shared/enums';
import { hydrate } from '../db/hydrate';
import { rowsToPage, type Page } from '../db/paged-query';
import { inPageSql as inPage_ } from '../db/paged-query';
import type { PageWindow } from '../shared/page-window';
import { itemKey, weightedItems, type Item, type ItemType } from './item';
import type { ItemRef } from './item-refs';
import type { MatchItems } from './match-roles.types';
import { registryIdent } from '../db/sql';
import { weightSql } from '../model/weights';

// Interim: string SQL until this module's statements move to its store.
const roleSkillWeightSql = (alias: string) => weightSql('roleSkill', registryIdent(alias)).text;
const roleToolWeightSql = (alias: string) => weightSql('roleItem', registryIdent(alias)).text;
const inPageSql = (window: PageWindow) => inPage_(window).text;

/** What the statement returns for each listed item: [type, itemId, importance, importanceScore, weight, had]. */
type MatchRow = [ItemType, number, Importance, number | null, number, 0 | 1];

/** A match's score and the items it lists, as one page item's link. */
export interface Match {
  score: number;
  matchedWeight: number;
  totalWeight: number;
  items: MatchRow[];
}

/**
 * A role's skills and tools with their weights and whether the person has them. `roleFilter` is a
 * condition on `l."roleId"`; the two `?` take the JSON arrays of skill ids and of tool ids had.
 */
function roleLinksSql(roleFilter: string): string {
  return `
    SELECT l."roleId", 'Skill' AS "type", l."skillId" AS "itemId", l."importance", l."importanceScore", ${roleSkillWeightSql('l')} AS "weight",
      l."skillId" IN (SELECT value FROM json_each(?)) AS "had"
    FROM "role_skill" l WHERE ${roleFilter}
    UNION ALL
    SELECT l."roleId", 'Tool', l."toolId", l."importance", NULL, ${roleToolWeightSql('l')}, l."toolId" IN (SELECT value FROM json_each(?))
    FROM "role_tool" l WHERE ${roleFilter}`;
}

/**
 * Ranks roles by how much of them a person's skills and tools cover (weights in weights.ts):
 *
 *   score = Σ weights of the role's items the person has / Σ weights of all the role's items
 *
 * Only roles with at least one of the items are ranked; ties go by name, then id. One statement:
 * it ranks and pages the roles, and returns, for each role in the page, its matched items and its
 * missing ESSENTIAL items as JSON, so the explanation costs one more statement (loading those
 * skills and tools) whatever the page size.
 */
export async function matchRolesPage(dataSource: DataSource, have: readonly ItemRef[], window: PageWindow): Promise<Page<Role>> {
  const ids = (type: ItemType) => JSON.stringify(have.filter((h) => h.type === type).map((h) => h.rowId));
  const skills = ids('Skill');
  const tools = ids('Tool');
  const inPage = inPageSql(window);
  const rows: Record<string, unknown>[] = await dataSource.query(
    `WITH candidates AS (
      SELECT "roleId" FROM "role_skill" WHERE "skillId" IN (SELECT value FROM json_each(?))
      UNION SELECT "roleId" FROM "role_tool" WHERE "toolId" IN (SELECT value FROM json_each(?))
    ),
    scored AS (
      SELECT "roleId", SUM(CASE WHEN "had" THEN "weight" ELSE 0 END) AS "matchedWeight", SUM("weight") AS "totalWeight"
      FROM (${roleLinksSql(`l."roleId" IN (SELECT "roleId" FROM candidates)`)})
      GROUP BY "roleId"
    ),
    ranked AS (
      SELECT e.*, s."matchedWeight" AS "__matchedWeight", s."totalWeight" AS "__totalWeight", s."matchedWeight" / s."totalWeight" AS "__score",
        ROW_NUMBER() OVER (ORDER BY s."matchedWeight" / s."totalWeight" DESC, e."name" COLLATE NOCASE ASC, e."id" ASC) AS "__rn",
        COUNT(*) OVER () AS "__total"
      FROM scored s JOIN "role" e ON e."id" = s."roleId"
    )
    SELECT r.*, (${inPage}) AS "__inPage",
      CASE WHEN (${inPage}) THEN (
        SELECT json_group_array(json_array(x."type", x."itemId", x."importance", x."importanceScore", x."weight", x."had"))
        FROM (${roleLinksSql(`l."roleId" = r."id"`)}) x
        WHERE x."had" OR x."importance" = '${Importance.ESSENTIAL}'
      ) END AS "__items"
    FROM ranked r
    WHERE (${inPage}) OR r."__rn" = 1
    ORDER BY r."__rn"`,
    [skills, tools, skills, tools, skills, tools],
  );
  return rowsToPage(rows, window, (row) => hydrate(dataSource, Role, row));
}

/** The match figures of a page item. */
export function matchOf(link: Record<string, unknown>): Match {
  return {
    score: Number(link.__score),
    matchedWeight: Number(link.__matchedWeight),
    totalWeight: Number(link.__totalWeight),
    items: JSON.parse(String(link.__items ?? '[]')) as MatchRow[],
  };
}

/** Loads the skills and tools a match lists and sorts them into matched and missing essentials. */
export async function loadMatchItems(rows: readonly MatchRow[], load: (key: string) => Promise<Item | null>): Promise<MatchItems> {
  const items = await Promise.all(rows.map(([type, id]) => load(itemKey(type, id))));
  const links = rows.flatMap(([type, , importance, importanceScore, weight, had], i) => {
    const item = items[i];
    return item ? [{ type, item, importance, importanceScore, weight, had: had === 1 }] : [];
  });
  const matched = weightedItems(links.filter((l) => l.had));
  const missing = weightedItems(links.filter((l) => !l.had));
  return {
    matchedSkills: matched.skills,
    matchedTools: matched.tools,
    missingEssentialSkills: missing.skills,
    missingEssentialTools: missing.tools,
  };
}
