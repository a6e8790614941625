import type { Importance } from './enums';

/** Reads the role–skill attributes off a link row. */
export function roleSkillAttributes(link: Record<string, unknown>) {
  return {
    importance: link.importance as Importance,
    importanceScore: link.importanceScore === null || link.importanceScore === undefined ? null : Number(link.importanceScore),
    level: link.level === null || link.level === undefined ? null : Number(link.level),
  };
}

/** Reads the role–tool attributes off a link row (booleans are stored as 0/1). */
export function roleToolAttributes(link: Record<string, unknown>) {
  const flag = (value: unknown) => (value === null || value === undefined ? null : Boolean(value));
  return { importance: link.importance as Importance, hotTechnology: flag(link.hotTechnology), inDemand: flag(link.inDemand) };
}

/** Reads the role–responsibility attributes off a link row. */
export function roleResponsibilityAttributes(link: Record<string, unknown>) {
  return { importance: (link.importance ?? null) as Importance | null };
}

/** Reads the related-role attributes off a link row. */
export function relatedRoleAttributes(link: Record<string, unknown>) {
  return { tier: String(link.tier), rank: Number(link.rank) };
}
