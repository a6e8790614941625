import type { DataSource } from 'typeorm';
import { Role } from '../role/role.entity';
import type { Importance } from '../shared/enums';
import { hydrate } from '../db/hydrate';
import type { Skill } from '../skill/skill.entity';
import type { Tool } from '../tool/tool.entity';
import { rowsToPage, type Page } from '../db/paged-query';
import type { PageWindow } from '../shared/page-window';
import { itemKey, type Item, type ItemType } from './item';
import { byWeightThenName } from './order';
import { similarRoleRows, type SimilarRoleRow } from './related-roles.store';
import { SharedSkill, SharedTool, type SharedItems } from './related-roles.types';

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
 * Ranks, for each role asked about, every other role sharing at least one skill or tool with it,
 * by weighted Jaccard similarity over the union of skills and tools (weights in weights.ts):
 *
 *   score = Σ shared min(wA, wB) / Σ union max(wA, wB)
 *
 * where an item a role lacks weighs 0. The denominator is computed as totalA + totalB − numerator,
 * which is the same sum. Ties go by name, then id. Roles with nothing in common (score 0) are not
 * listed. One statement for all the roles asked about: it pages each role's list with ROW_NUMBER(),
 * joins O*NET's own rank where a stored related-occupation link runs from this role to that one, and returns
 * the shared items of each edge in the page as JSON, so the explanation costs no extra query.
 */
export async function similarRolePages(dataSource: DataSource, roleIds: readonly number[], window: PageWindow): Promise<Page<Role>[]> {
  const rows = await similarRoleRows(dataSource, roleIds, window);
  const byParent = new Map<number, SimilarRoleRow[]>();
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
