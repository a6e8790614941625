import { roundTo } from '../db/dialect';
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
 * number of sources that cite it (each citation row names a distinct source). It is stored on the
 * link row, a column of its link table kept equal to the link's citation rows by triggers on
 * "citation" (migration 1765100000000-stored-support), so weighing a link reads its row and counts
 * nothing. (s + 1) / (s + 2)
 * is Laplace's rule of succession: after s sources named the link, the chance that the next one
 * would too. One source gives 0.67, five give 0.86, none 0.5; it never reaches 1, so an ESSENTIAL
 * link always weighs more than an OPTIONAL one (from 0.5 and under 0.5 respectively) and
 * support orders links within an importance: a soft skill one article names ranks below the
 * databases all five name.
 *
 * Every weight but `one` is rounded to a multiple of 1/65536 (WEIGHT_GRAIN). Such numbers add up
 * exactly in binary floating point (any sum below 2^37), so a role's total weight is the same
 * double whatever the order of the additions: in SQLite's SUM, in PostgreSQL's, and in the
 * JavaScript that precomputes rankings. Unrounded, 2/3 and 1/3 made the engines disagree in the
 * last bits. The rounding moves a weight by less than 0.00001 and keeps every distinct support
 * count up to 255 distinct.
 *
 * - `roleSkill`: where O*NET rates the link (`importanceScore`, 1 "not important" to 5 "extremely
 *   important"), the rating is the weight: importanceScore / 5, from 0.2 to 1.0 (to the grain below).
 *   Otherwise the curated rule above.
 * - `roleItem`: the curated rule above.
 * - `importanceOrOne`: the curated rule with an unknown importance counting as ESSENTIAL.
 * - `one`: every link counts 1.0.
 *
 * Every weight is in (0, 1], so every ratio of sums of weights is in [0, 1]. `weightSql` is the
 * one place the rule is computed: every score reads it.
 */
export const ESSENTIAL_WEIGHT = 1.0;
export const OPTIONAL_WEIGHT = 0.5;
export const MAX_IMPORTANCE_SCORE = 5;
export const WEIGHT_GRAIN = 65536;

/** The rule above in the schema's words: every description of a role link's weight says this. */
export const LINK_WEIGHT_RULE =
  'importanceScore / 5 where O*NET rates a role–skill link; otherwise (1.0 if ESSENTIAL or unknown, 0.5 if OPTIONAL) × (supportCount + 1) / (supportCount + 2), ' +
  'supportCount being the number of sources citing the link, so links more sources name weigh more; to the nearest 1/65536, so that sums of weights are exact';

/** The number of sources citing the link row aliased `alias`: its stored `supportCount` (see above). */
export function supportSql(alias: Sql): Sql {
  return column(alias, ident('supportCount'));
}

/** `weight` to the nearest multiple of 1 / WEIGHT_GRAIN. */
const grained = (weight: Sql): Sql => sql`${roundTo(sql`${weight} * ${real(WEIGHT_GRAIN)}`, 0)} / ${real(WEIGHT_GRAIN)}`;

/** The weight of a link row of `table` aliased `alias`, by the relation's rule. */
export function weightSql(rule: WeightRule, table: LinkTable | null, alias: Sql): Sql {
  if (rule === 'one') return real(1);
  if (table === null) throw new Error(`The weight rule ${rule} needs a link table`);
  const importance = column(alias, ident('importance'));
  const optional = sql`${importance} = ${literal(Importance.OPTIONAL)}`;
  const support = supportSql(alias);
  const curated = grained(
    sql`(CASE WHEN ${optional} THEN ${real(OPTIONAL_WEIGHT)} ELSE ${real(ESSENTIAL_WEIGHT)} END) * (${support} + ${real(1)}) / (${support} + ${real(2)})`,
  );
  switch (rule) {
    case 'roleItem':
    case 'importanceOrOne':
      return sql`(${curated})`;
    case 'roleSkill': {
      const score = column(alias, ident('importanceScore'));
      return sql`(CASE WHEN ${score} IS NOT NULL THEN ${grained(sql`${score} / ${real(MAX_IMPORTANCE_SCORE)}`)} ELSE ${curated} END)`;
    }
  }
}
