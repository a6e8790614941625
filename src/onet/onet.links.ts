import { Importance } from '../shared/enums';
import type { OnetRelease } from './onet.release';
import { normaliseName } from './onet.slug';
import { linkKey, type LinkTable, type WantedLink } from './onet.write';

/** The role link tables the import fills, and which of their columns O*NET states. */
export const LINK_TABLES = {
  role_responsibility: {
    table: 'role_responsibility',
    subject: 'role_responsibility',
    target: 'responsibilityId',
    shared: [],
    onet: ['importance'],
  },
  role_skill: { table: 'role_skill', subject: 'role_skill', target: 'skillId', shared: ['importance'], onet: ['importanceScore', 'level'] },
  role_tool: { table: 'role_tool', subject: 'role_tool', target: 'toolId', shared: ['importance'], onet: ['hotTechnology', 'inDemand'] },
  role_related: { table: 'role_related', subject: 'role_related', target: 'relatedRoleId', shared: [], onet: ['tier', 'rank'] },
} as const satisfies Record<string, LinkTable>;

/** Row ids of what the release's entities became. */
export interface ReleaseIds {
  role: (code: string) => number;
  responsibility: (taskId: string) => number;
  skill: (elementId: string) => number;
  /** By normalised example name. */
  tool: (name: string) => number;
}

type Wanted = Map<string, WantedLink>;

/** Each task links its role to its responsibility: ESSENTIAL when Core, OPTIONAL when Supplemental. */
export function wantedTaskLinks(release: OnetRelease, ids: ReleaseIds): Wanted {
  const wanted: Wanted = new Map();
  for (const task of release.tasks) {
    const [roleId, targetId] = [ids.role(task.code), ids.responsibility(task.taskId)];
    wanted.set(linkKey(roleId, targetId), { roleId, targetId, values: [task.importance] });
  }
  return wanted;
}

/**
 * Each rating links its role to its skill with the IM score, the LV level, and ESSENTIAL when the
 * importance is 3 ("important") or more on O*NET's 1–5 scale. Two O*NET skills can land on one
 * curated skill (one by name, one by alias): the link keeps the more important rating.
 */
export function wantedSkillLinks(release: OnetRelease, ids: ReleaseIds): Wanted {
  const wanted: Wanted = new Map();
  const score = (link: WantedLink) => (link.values[1] as number | null) ?? -1;
  for (const rating of release.skillRatings) {
    const [roleId, targetId] = [ids.role(rating.code), ids.skill(rating.elementId)];
    const importance = rating.importanceScore !== null && rating.importanceScore >= 3 ? Importance.ESSENTIAL : Importance.OPTIONAL;
    const link = { roleId, targetId, values: [importance, rating.importanceScore, rating.level] };
    const other = wanted.get(linkKey(roleId, targetId));
    if (!other || score(link) > score(other)) wanted.set(linkKey(roleId, targetId), link);
  }
  return wanted;
}

/** true if either says so; null only when neither file states it (Tools Used rows). */
function either(a: boolean | null | undefined, b: boolean | null): boolean | null {
  if (a === null || a === undefined) return b;
  if (b === null) return a;
  return a || b;
}

/**
 * Each Technology Skills and Tools Used row links its role to its tool, with Hot Technology and In
 * Demand (null for equipment). Spellings that normalise alike ("Panel boards", "Panelboards") are
 * one tool and one link, whose flags add up.
 *
 * Importance: every O*NET tool link is OPTIONAL, except a technology O*NET marks In Demand for the
 * occupation, which is ESSENTIAL. In Demand is the one O*NET signal that employers hiring for this
 * occupation ask for the tool; Hot Technology only says the tool is sought after across all job
 * postings, so on its own it leaves the link OPTIONAL.
 */
export function wantedToolLinks(release: OnetRelease, ids: ReleaseIds): Wanted {
  const wanted: Wanted = new Map();
  for (const use of [...release.technologies, ...release.equipment]) {
    const [roleId, targetId] = [ids.role(use.code), ids.tool(normaliseName(use.example))];
    const before = wanted.get(linkKey(roleId, targetId))?.values as [Importance, boolean | null, boolean | null] | undefined;
    const hotTechnology = either(before?.[1], use.hotTechnology);
    const inDemand = either(before?.[2], use.inDemand);
    const importance = inDemand ? Importance.ESSENTIAL : Importance.OPTIONAL;
    wanted.set(linkKey(roleId, targetId), { roleId, targetId, values: [importance, hotTechnology, inDemand] });
  }
  return wanted;
}

/** Each related occupation links two roles, with O*NET's relatedness tier and rank. */
export function wantedRelatedLinks(release: OnetRelease, ids: ReleaseIds): Wanted {
  const wanted: Wanted = new Map();
  for (const related of release.related) {
    const [roleId, targetId] = [ids.role(related.code), ids.role(related.relatedCode)];
    wanted.set(linkKey(roleId, targetId), { roleId, targetId, values: [related.tier, related.rank] });
  }
  return wanted;
}
