import { Importance } from '../shared/enums';

/**
 * How much one skill or tool of a role counts in every score of this module (related roles, role
 * matching, skill gaps, the drawn graph):
 *
 * - ESSENTIAL counts 1.0 and OPTIONAL 0.5: a role cannot be done without the first, and the second
 *   is one of several alternatives, so missing it costs half as much.
 * - Where O*NET rates the link (`role_skill.importanceScore`, 1 "not important" to 5 "extremely
 *   important"), the rating is finer than the two-step importance, so it wins: weight =
 *   importanceScore / 5, from 0.2 to 1.0. Tools carry no rating, only ESSENTIAL or OPTIONAL.
 *
 * Every weight is in (0, 1], so every ratio of sums of weights below is in [0, 1]. The SQL
 * expressions and `linkWeight` are the same rule; the SQL one is what scores are computed with.
 */
export const ESSENTIAL_WEIGHT = 1.0;
export const OPTIONAL_WEIGHT = 0.5;
export const MAX_IMPORTANCE_SCORE = 5;

/** The weight of a role's link to a skill or tool, as the SQL below computes it. */
export function linkWeight(link: { importance: Importance; importanceScore?: number | null }): number {
  if (link.importanceScore !== null && link.importanceScore !== undefined) return link.importanceScore / MAX_IMPORTANCE_SCORE;
  return link.importance === Importance.ESSENTIAL ? ESSENTIAL_WEIGHT : OPTIONAL_WEIGHT;
}

/** The weight of a `role_skill` row aliased `alias`. */
export function roleSkillWeightSql(alias: string): string {
  return `(CASE WHEN ${alias}."importanceScore" IS NOT NULL THEN ${alias}."importanceScore" / ${MAX_IMPORTANCE_SCORE}.0 ${importanceCase(alias)} END)`;
}

/** The weight of a `role_tool` row aliased `alias`. */
export function roleToolWeightSql(alias: string): string {
  return `(CASE ${importanceCase(alias)} END)`;
}

function importanceCase(alias: string): string {
  return `WHEN ${alias}."importance" = '${Importance.ESSENTIAL}' THEN ${ESSENTIAL_WEIGHT.toFixed(1)} ELSE ${OPTIONAL_WEIGHT.toFixed(1)}`;
}
