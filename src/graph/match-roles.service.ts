import type { DataSource } from 'typeorm';
import { Role } from '../role/role.entity';
import type { Importance } from '../shared/enums';
import { hydrate } from '../db/hydrate';
import { rowsToPage, type Page } from '../db/paged-query';
import type { PageWindow } from '../shared/page-window';
import { itemKey, weightedItems, type Item, type ItemType } from './item';
import type { ItemRef } from './item-refs';
import { MATCH_SCORE_FORMULA, matchRoleRows } from './match-roles.store';
import type { MatchItems } from './match-roles.types';

/** What the statement returns for each listed item: [type, itemId, importance, importanceScore, weight, had] (had: 0/1 on SQLite, a boolean on PostgreSQL). */
type MatchRow = [ItemType, number, Importance, number | null, number, 0 | 1 | boolean];

/** A match's score and the items it lists, as one page item's link. */
export interface Match {
  score: number;
  matchedWeight: number;
  totalWeight: number;
  givenCount: number;
  coverage: number;
  usage: number;
  items: MatchRow[];
}

/**
 * Ranks roles by how well they fit a person's skills and tools, on both sides (weights in
 * weights.ts). With M the summed weights of the role's items the person has, T the summed weights
 * of all the role's items and n the number of items the person gave:
 *
 *   coverage = M / T   how much of the role the person covers (recall)
 *   usage    = M / n   how much of what the person has the role uses, by its weights (precision)
 *   score    = (1 + β²) · coverage · usage / (β² · usage + coverage) = (1 + β²) · M / (β² · T + n),  β = MATCH_BETA (0.2)
 *
 * the weighted F-measure. β < 1 counts usage more than coverage: a person lists a few of the
 * things they know, so a role item missing from the list is weak evidence against the role, while
 * a listed item the role does not use is strong evidence. A geometric mean would let a role that
 * lists two items, one of them given, beat a role that uses every item given. Only roles with at
 * least one of the items are ranked; ties go by name, then id. One statement: it ranks and pages
 * the roles, and returns, for each role in the page, its matched items and its missing ESSENTIAL
 * items as JSON, so the explanation costs one more statement (loading those skills and tools)
 * whatever the page size.
 */
/** The schema's description of matchRoles: the formula above. */
export const MATCH_ROLES_DESCRIPTION =
  'Roles ranked by how well they fit the given skills and tools, on both sides: coverage = matchedWeight / totalWeight (how much of the role is given), ' +
  `usage = matchedWeight / givenCount (how much of what was given the role uses, by its weights), score = ${MATCH_SCORE_FORMULA.ratio} = ${MATCH_SCORE_FORMULA.sums}, ` +
  `the weighted F-measure with ${MATCH_SCORE_FORMULA.beta} (what was given counts more than what was not: a person lists a few of the things they know). ` +
  'Weights are on the edges (`RoleSkillEdge.weight`). Best first (scores equal to 12 decimals tie), ties by name; only roles with at least one of the items, each explained by matchedSkills and matchedTools. ' +
  'Pass at least one skill or tool, or a `text` (a CV, a posting) to read them from; unknown ones are NOT_FOUND, listed in `extensions.unknown`.';

export async function matchRolesPage(dataSource: DataSource, have: readonly ItemRef[], window: PageWindow): Promise<Page<Role>> {
  const ids = (type: ItemType) => have.filter((h) => h.type === type).map((h) => h.rowId);
  const rows = await matchRoleRows(dataSource, { Skill: ids('Skill'), Tool: ids('Tool') }, window);
  return rowsToPage(rows, window, (row) => hydrate(dataSource, Role, row));
}

/** The match figures of a page item. */
export function matchOf(link: Record<string, unknown>): Match {
  return {
    score: Number(link.__score),
    matchedWeight: Number(link.__matchedWeight),
    totalWeight: Number(link.__totalWeight),
    givenCount: Number(link.__givenCount),
    coverage: Number(link.__matchedWeight) / Number(link.__totalWeight),
    usage: Number(link.__matchedWeight) / Number(link.__givenCount),
    items: JSON.parse(String(link.__items ?? '[]')) as MatchRow[],
  };
}

/** Loads the skills and tools a match lists and sorts them into matched and missing essentials. */
export async function loadMatchItems(rows: readonly MatchRow[], load: (key: string) => Promise<Item | null>): Promise<MatchItems> {
  const items = await Promise.all(rows.map(([type, id]) => load(itemKey(type, id))));
  const links = rows.flatMap(([type, , importance, importanceScore, weight, had], i) => {
    const item = items[i];
    return item ? [{ type, item, importance, importanceScore, weight, had: Boolean(had) }] : [];
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
