import { column, ident, literal, real, sql, type Sql } from '../db/sql';
import { Importance } from '../shared/enums';
import type { WeightRule } from './relations';

/**
 * How much one link counts in every score (related roles, role matching, skill gaps, the drawn
 * graph). Each relation names its rule in src/model/relations.ts:
 *
 * - `roleItem`: ESSENTIAL counts 1.0 and OPTIONAL 0.5: a role cannot be done without the first,
 *   and the second is one of several alternatives, so missing it costs half as much.
 * - `roleSkill`: the same, except where O*NET rates the link (`importanceScore`, 1 "not
 *   important" to 5 "extremely important"): the rating is finer than the two-step importance, so
 *   it wins: weight = importanceScore / 5, from 0.2 to 1.0.
 * - `importanceOrOne`: 0.5 for OPTIONAL, else 1.0 (a responsibility whose importance is unknown
 *   counts fully).
 * - `one`: every link counts 1.0.
 *
 * Every weight is in (0, 1], so every ratio of sums of weights is in [0, 1]. `linkWeight` and
 * `weightSql` are the same rule; the SQL one is what scores are computed with.
 */
export const ESSENTIAL_WEIGHT = 1.0;
export const OPTIONAL_WEIGHT = 0.5;
export const MAX_IMPORTANCE_SCORE = 5;

/** The weight of a role's link to a skill or tool, as `weightSql` computes it. */
export function linkWeight(link: { importance: Importance; importanceScore?: number | null }): number {
  if (link.importanceScore !== null && link.importanceScore !== undefined) return link.importanceScore / MAX_IMPORTANCE_SCORE;
  return link.importance === Importance.ESSENTIAL ? ESSENTIAL_WEIGHT : OPTIONAL_WEIGHT;
}

/** The weight of a link row aliased `alias`, by the relation's rule. */
export function weightSql(rule: WeightRule, alias: Sql): Sql {
  const importance = column(alias, ident('importance'));
  const essential = sql`WHEN ${importance} = ${literal(Importance.ESSENTIAL)} THEN ${real(ESSENTIAL_WEIGHT)} ELSE ${real(OPTIONAL_WEIGHT)}`;
  switch (rule) {
    case 'roleItem':
      return sql`(CASE ${essential} END)`;
    case 'roleSkill': {
      const score = column(alias, ident('importanceScore'));
      return sql`(CASE WHEN ${score} IS NOT NULL THEN ${score} / ${real(MAX_IMPORTANCE_SCORE)} ${essential} END)`;
    }
    case 'importanceOrOne':
      return sql`CASE WHEN ${importance} = ${literal(Importance.OPTIONAL)} THEN ${real(OPTIONAL_WEIGHT)} ELSE ${real(ESSENTIAL_WEIGHT)} END`;
    case 'one':
      return real(1);
  }
}
