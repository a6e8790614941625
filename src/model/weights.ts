import { column, ident, literal, real, sql, type Sql } from '../db/sql';
import { Importance } from '../shared/enums';
import type { LinkTable, WeightRule } from './relations';

/**
 * How much one link counts in every score (related roles, role matching, skill gaps, the drawn
 * graph) and in `IMPORTANCE` order. Each relation names its rule in src/model/relations.ts.
 *
 * A curated link's weight is its importance times its support:
 *
 *   weight = importanceWeight × (s + 1) / (s + 2)
 *
 * where importanceWeight is 1.0 for ESSENTIAL and 0.5 for OPTIONAL (a role cannot be done without
 * the first; the second is one of several alternatives), and s is the link's `supportCount`, the
 * number of sources that cite it (each citation row names a distinct source). (s + 1) / (s + 2)
 * is Laplace's rule of succession: after s sources named the link, the chance that the next one
 * would too. One source gives 0.67, five give 0.86, none 0.5; it never reaches 1, so an ESSENTIAL
 * link always weighs more than an OPTIONAL one (from 0.5 and under 0.5 respectively) and
 * support orders links within an importance: a soft skill one article names ranks below the
 * databases all five name.
 *
 * - `roleSkill`: where O*NET rates the link (`importanceScore`, 1 "not important" to 5 "extremely
 *   important"), the rating is the weight as it is: importanceScore / 5, from 0.2 to 1.0.
 *   Otherwise the curated rule above.
 * - `roleItem`: the curated rule above.
 * - `importanceOrOne`: the curated rule with an unknown importance counting as ESSENTIAL.
 * - `one`: every link counts 1.0.
 *
 * Every weight is in (0, 1], so every ratio of sums of weights is in [0, 1]. `linkWeight` and
 * `weightSql` are the same rule; the SQL one is what scores are computed with.
 */
export const ESSENTIAL_WEIGHT = 1.0;
export const OPTIONAL_WEIGHT = 0.5;
export const MAX_IMPORTANCE_SCORE = 5;

/** The support factor of a link cited by `supportCount` sources: (s + 1) / (s + 2). */
export function supportFactor(supportCount: number): number {
  return (supportCount + 1) / (supportCount + 2);
}

/** The weight of a role's link to a skill, tool or responsibility, as `weightSql` computes it. */
export function linkWeight(link: { importance: Importance | null; importanceScore?: number | null; supportCount: number }): number {
  if (link.importanceScore !== null && link.importanceScore !== undefined) return link.importanceScore / MAX_IMPORTANCE_SCORE;
  const importance = link.importance === Importance.OPTIONAL ? OPTIONAL_WEIGHT : ESSENTIAL_WEIGHT;
  return importance * supportFactor(link.supportCount);
}

/** The number of sources citing the link row aliased `alias` of `table`: a seek of the citation table's primary key. */
export function supportSql(table: LinkTable, alias: Sql): Sql {
  return sql`(SELECT COUNT(*) FROM "citation" c WHERE c."subjectType" = ${literal(table)} AND c."subjectId" = ${column(alias, ident('id'))})`;
}

/** The weight of a link row of `table` aliased `alias`, by the relation's rule. */
export function weightSql(rule: WeightRule, table: LinkTable | null, alias: Sql): Sql {
  if (rule === 'one') return real(1);
  if (table === null) throw new Error(`The weight rule ${rule} needs a link table`);
  const importance = column(alias, ident('importance'));
  const optional = sql`${importance} = ${literal(Importance.OPTIONAL)}`;
  const support = supportSql(table, alias);
  const curated = sql`(CASE WHEN ${optional} THEN ${real(OPTIONAL_WEIGHT)} ELSE ${real(ESSENTIAL_WEIGHT)} END) * (${support} + ${real(1)}) / (${support} + ${real(2)})`;
  switch (rule) {
    case 'roleItem':
    case 'importanceOrOne':
      return sql`(${curated})`;
    case 'roleSkill': {
      const score = column(alias, ident('importanceScore'));
      return sql`(CASE WHEN ${score} IS NOT NULL THEN ${score} / ${real(MAX_IMPORTANCE_SCORE)} ELSE ${curated} END)`;
    }
  }
}
