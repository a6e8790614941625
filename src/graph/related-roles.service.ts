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
import { similarRoleRows, storedSimilarRoleRows, type SimilarRoleRow, type StoredSimilarRoleRow } from './related-roles.store';
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
 * listed. O*NET's own rank is joined where a stored related-occupation link runs from this role to
 * that one, and the shared items of each edge in the page come back as JSON, so the explanation
 * costs no extra query.
 *
 * The import engine keeps the head of every role's ranking in `role_similarity`
 * (role-similarity.service.ts), so one statement reads the pages of every role asked about. A
 * page reaching past a role's stored head (a deep `after`, or `last` on a long ranking) is
 * computed from the links instead, by a second statement for those roles only.
 */
export async function similarRolePages(dataSource: DataSource, roleIds: readonly number[], window: PageWindow): Promise<Page<Role>[]> {
  const stored = groupByParent(await storedSimilarRoleRows(dataSource, roleIds, window));
  const live = roleIds.filter((id) => !storedHeadAnswers(stored.get(id) ?? [], window));
  const computed = live.length ? groupByParent(await similarRoleRows(dataSource, live, window)) : new Map<number, SimilarRoleRow[]>();
  const rowsOf = (id: number) => (live.includes(id) ? computed.get(id) : stored.get(id)) ?? [];
  return roleIds.map((id) => rowsToPage(rowsOf(id), window, (row) => hydrate(dataSource, Role, row)));
}

function groupByParent<R extends SimilarRoleRow>(rows: readonly R[]): Map<number, R[]> {
  const byParent = new Map<number, R[]>();
  for (const row of rows) {
    const list = byParent.get(Number(row.__parent)) ?? [];
    list.push(row);
    byParent.set(Number(row.__parent), list);
  }
  return byParent;
}

/**
 * Whether a role's stored rows answer the window: every position the window can show, given the
 * ranking's length, is among the stored positions 1 to `__stored`. No rows: nothing is related.
 */
function storedHeadAnswers(rows: readonly StoredSimilarRoleRow[], window: PageWindow): boolean {
  if (rows.length === 0) return true;
  const total = Number(rows[0].__total);
  const { after, before, first } = window;
  const lastShown = Math.min(total, before === null ? total : before - 1, first === null ? total : after + first);
  return lastShown <= after || lastShown <= Number(rows[0].__stored);
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
