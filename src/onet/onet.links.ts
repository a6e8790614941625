import { pairKey, type WantedLink } from '../import/import.writer';
import { normaliseName } from '../import/slug';
import type { RELATIONS } from '../model/relations';
import { Importance } from '../shared/enums';
import type { OnetRelease } from './onet.release';

/**
 * The relations an O*NET release asserts, in the order they are written. Which of their
 * attributes O*NET alone states is the registry's `statedBy` (src/model/relations.ts).
 */
export const ONET_RELATIONS = ['roleResponsibility', 'roleSkill', 'roleTool', 'relatedOccupation'] as const;
export type OnetRelation = (typeof ONET_RELATIONS)[number];
/** The link tables of those relations: the summary reports by table. */
export type OnetLinkTable = (typeof RELATIONS)[OnetRelation]['storage']['table'];

/**
 * Row ids of what the release's entities became; none for an entity a curator deleted (a
 * tombstone, src/import/tombstone.entity.ts), whose links the import skips too.
 */
export interface ReleaseIds {
  role: (code: string) => number | undefined;
  responsibility: (taskId: string) => number | undefined;
  skill: (elementId: string) => number | undefined;
  /** By normalised example name. */
  tool: (name: string) => number | undefined;
}

type Wanted = Map<string, WantedLink>;

/** A link between two of the release's entities, before we know both still exist. */
type Link = Omit<WantedLink, 'from' | 'to'> & { from: number | undefined; to: number | undefined };

/** Adds a link, unless one of its ends was deleted by a curator. */
function want(wanted: Wanted, link: Link): void {
  const { from, to } = link;
  if (from !== undefined && to !== undefined) wanted.set(pairKey(from, to), { ...link, from, to });
}

/** Each task links its role to its responsibility: ESSENTIAL when Core, OPTIONAL when Supplemental. */
export function wantedTaskLinks(release: OnetRelease, ids: ReleaseIds): Wanted {
  const wanted: Wanted = new Map();
  for (const task of release.tasks) {
    want(wanted, { from: ids.role(task.code), to: ids.responsibility(task.taskId), values: { importance: task.importance } });
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
  const score = (link: WantedLink) => (link.values.importanceScore as number | null) ?? -1;
  for (const rating of release.skillRatings) {
    const importance = rating.importanceScore !== null && rating.importanceScore >= 3 ? Importance.ESSENTIAL : Importance.OPTIONAL;
    const [from, to] = [ids.role(rating.code), ids.skill(rating.elementId)];
    if (from === undefined || to === undefined) continue;
    const link = { from, to, values: { importance, importanceScore: rating.importanceScore, level: rating.level } };
    const other = wanted.get(pairKey(link.from, link.to));
    if (!other || score(link) > score(other)) want(wanted, link);
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
    const [from, to] = [ids.role(use.code), ids.tool(normaliseName(use.example))];
    if (from === undefined || to === undefined) continue;
    const before = wanted.get(pairKey(from, to))?.values as { hotTechnology: boolean | null; inDemand: boolean | null } | undefined;
    const hotTechnology = either(before?.hotTechnology, use.hotTechnology);
    const inDemand = either(before?.inDemand, use.inDemand);
    const importance = inDemand ? Importance.ESSENTIAL : Importance.OPTIONAL;
    want(wanted, { from, to, values: { importance, hotTechnology, inDemand } });
  }
  return wanted;
}

/** Each related occupation links two roles, with O*NET's relatedness tier and rank. */
export function wantedRelatedLinks(release: OnetRelease, ids: ReleaseIds): Wanted {
  const wanted: Wanted = new Map();
  for (const related of release.related) {
    want(wanted, { from: ids.role(related.code), to: ids.role(related.relatedCode), values: { tier: related.tier, rank: related.rank } });
  }
  return wanted;
}

/** The links each relation of the release asserts. */
export const WANTED_LINKS: Record<OnetRelation, (release: OnetRelease, ids: ReleaseIds) => Wanted> = {
  roleResponsibility: wantedTaskLinks,
  roleSkill: wantedSkillLinks,
  roleTool: wantedToolLinks,
  relatedOccupation: wantedRelatedLinks,
};
