import type { DataSource } from 'typeorm';
import { Role } from '../role/role.entity';
import type { Importance } from '../shared/enums';
import { hydrate } from '../db/hydrate';
import { rowsToPage, type Page } from '../db/paged-query';
import type { PageWindow } from '../shared/page-window';
import { itemKey, weightedItems, type Item, type ItemType } from './item';
import type { ItemRef } from './item-refs';
import { matchRoleRows } from './match-roles.store';
import type { MatchItems } from './match-roles.types';

/** What the statement returns for each listed item: [type, itemId, importance, importanceScore, weight, had] (had: 0/1 on SQLite, a boolean on PostgreSQL). */
type MatchRow = [ItemType, number, Importance, number | null, number, 0 | 1 | boolean];

/** A match's score and the items it lists, as one page item's link. */
export interface Match {
  score: number;
  matchedWeight: number;
  totalWeight: number;
  items: MatchRow[];
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
