import { jsonArray, jsonArrayValues, jsonGroupArray, nocase } from '../db/dialect';
import { inPageSql } from '../db/paged-query';
import { column, ident, join, literal, real, registryIdent, rows, sql, type Queryable, type Sql } from '../db/sql';
import { NODE_TYPES } from '../model/node-types';
import { Importance } from '../shared/enums';
import type { PageWindow } from '../shared/page-window';
import type { ItemType } from './item';
import { rankKey, ROLE_ITEM_LINKS } from './graph.store';

const ROLE = registryIdent(NODE_TYPES.role.table);
const ROLE_NAME = registryIdent(NODE_TYPES.role.nameColumn);
const ROLE_WEIGHT = ident('role_weight');

/** The row ids of the skills and of the tools a person has. */
export type HadItems = Readonly<Record<ItemType, readonly number[]>>;

/**
 * β of the match score's F-measure (match-roles.service.ts): below 1, so what the person has that
 * the role does not use counts more than what the role has that the person did not list. 0.2 came
 * out best of 0.5, 0.3, 0.2, 0.15 and 0.1 on the ranking evaluation (README): larger values let
 * roles that list few items win, smaller ones let broad roles win every profile.
 */
export const MATCH_BETA = 0.2;

const B2 = MATCH_BETA * MATCH_BETA;

/** The score's formula as the schema describes it, with β's figures written out. */
const figure = (x: number) => String(Number(x.toPrecision(12)));
export const MATCH_SCORE_FORMULA = {
  ratio: `${figure(1 + B2)} · coverage · usage / (${figure(B2)} · usage + coverage)`,
  sums: `${figure(1 + B2)} · matchedWeight / (${figure(B2)} · totalWeight + givenCount)`,
  beta: `β = ${MATCH_BETA}`,
};

/**
 * A role's skills and tools with their weights and whether the person has them. `roles` gives the
 * condition on the link column naming the role.
 */
function roleLinksSql(roles: (role: Sql) => Sql, had: HadItems): Sql {
  const l = sql`l`;
  const arms = ROLE_ITEM_LINKS.map((link) => {
    const [role, item] = [column(l, link.role), column(l, link.item)];
    return sql`
    SELECT ${role} AS "roleId", ${literal(link.type)} AS "type", ${item} AS "itemId", l."importance" AS "importance",
      ${link.rated ? sql`l."importanceScore"` : sql`NULL`} AS "importanceScore", ${link.weight(l)} AS "weight",
      ${item} IN (${jsonArrayValues(had[link.type])}) AS "had"
    FROM ${link.table} l WHERE ${roles(role)}`;
  });
  return join(arms, sql` UNION ALL `);
}

/** A matched role's row: the role's columns, its figures, and the page bookkeeping of `rowsToPage`. */
export type MatchRoleRow = Record<string, unknown> & {
  __matchedWeight: number;
  __totalWeight: number;
  __givenCount: number;
  __score: number;
  __rn: number;
  __total: number;
  __inPage: number;
  /** JSON: [type, itemId, importance, importanceScore, weight, had] per matched or missing essential item; null outside the page. */
  __items: string | null;
};

/**
 * One page of the roles the items match, best first (score as in match-roles.service.ts), with
 * each paged role's matched and missing essential items; one statement. Only the links to the
 * items the person has are read to rank: each role's total weight, the score's denominator, is
 * precomputed in `role_weight` (src/graph/role-similarity.service.ts keeps it). The ranking sorts
 * narrow rows (id, figures, name); only the page's roles are read whole.
 */
export function matchRoleRows(db: Queryable, had: HadItems, window: PageWindow): Promise<MatchRoleRow[]> {
  const inPage = inPageSql(window);
  const matched = ROLE_ITEM_LINKS.map(
    (link) =>
      sql`SELECT ${link.role} AS "roleId", ${link.weight(sql`l`)} AS "weight" FROM ${link.table} l WHERE ${link.item} IN (${jsonArrayValues(had[link.type])})`,
  );
  const item = ['type', 'itemId', 'importance', 'importanceScore', 'weight', 'had'] as const;
  const given = had.Skill.length + had.Tool.length;
  const score = sql`${real(1 + B2)} * s."matchedWeight" / (${real(B2)} * w."totalWeight" + ${real(given)})`;
  return rows<MatchRoleRow>(
    db,
    sql`WITH scored AS (
      SELECT "roleId", SUM("weight") AS "matchedWeight"
      FROM (${join(matched, sql` UNION ALL `)}) m
      GROUP BY "roleId"
    ),
    ranked AS (
      SELECT s."roleId" AS "__roleId", s."matchedWeight" AS "__matchedWeight", w."totalWeight" AS "__totalWeight", ${real(given)} AS "__givenCount", ${score} AS "__score",
        ROW_NUMBER() OVER (ORDER BY ${rankKey(score)} DESC, ${nocase(sql`e.${ROLE_NAME}`)} ASC, e."id" ASC) AS "__rn",
        COUNT(*) OVER () AS "__total"
      FROM scored s JOIN ${ROLE_WEIGHT} w ON w."roleId" = s."roleId" JOIN ${ROLE} e ON e."id" = s."roleId"
    )
    SELECT e.*, r.*, (${inPage}) AS "__inPage",
      CASE WHEN (${inPage}) THEN (
        SELECT ${jsonGroupArray(jsonArray(item.map((name) => column(sql`x`, ident(name)))))}
        FROM (${roleLinksSql((role) => sql`${role} = r."__roleId"`, had)}) x
        WHERE x."had" OR x."importance" = ${literal(Importance.ESSENTIAL)}
      ) END AS "__items"
    FROM ranked r JOIN ${ROLE} e ON e."id" = r."__roleId"
    WHERE (${inPage}) OR r."__rn" = 1
    ORDER BY r."__rn"`,
  );
}
