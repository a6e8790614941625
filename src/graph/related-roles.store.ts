import { jsonArray, jsonArrayValues, jsonGroupArray, least, nocase } from '../db/dialect';
import { inPageSql } from '../db/paged-query';
import { column, join, literal, registryIdent, rows, sql, type Queryable, type Sql } from '../db/sql';
import { NODE_TYPES } from '../model/node-types';
import { RELATIONS } from '../model/relations';
import type { PageWindow } from '../shared/page-window';
import { rankKey, ROLE_ITEM_LINKS } from './graph.store';

const ROLE = registryIdent(NODE_TYPES.role.table);
const ROLE_NAME = registryIdent(NODE_TYPES.role.nameColumn);
const RANKED = RELATIONS.relatedOccupation;

/**
 * The shared skills and tools of pairs of roles, with the weight of each in both: `parents` gives
 * the condition on the link column naming the role asked about (`a`), `other` the id of the other
 * role, or null for every other role.
 */
function sharedItemsSql(parents: (role: Sql) => Sql, other: Sql | null): Sql {
  const a = sql`a`;
  const b = sql`b`;
  const arms = ROLE_ITEM_LINKS.map((link) => {
    const [roleA, roleB, itemA, itemB] = [column(a, link.role), column(b, link.role), column(a, link.item), column(b, link.item)];
    const pair = other === null ? sql`${roleB} <> ${roleA}` : sql`${roleB} = ${other}`;
    return sql`
    SELECT ${roleA} AS "parent", ${roleB} AS "other", ${literal(link.type)} AS "type", ${itemA} AS "itemId",
      a."importance" AS "importance", b."importance" AS "relatedImportance", ${link.weight(a)} AS "weight", ${link.weight(b)} AS "relatedWeight"
    FROM ${link.table} a JOIN ${link.table} b ON ${itemB} = ${itemA} AND ${pair}
    WHERE ${parents(roleA)}`;
  });
  return join(arms, sql` UNION ALL `);
}

/** A similar role's row: the role's columns, its figures, and the page bookkeeping of `rowsToPage`. */
export type SimilarRoleRow = Record<string, unknown> & {
  __parent: number;
  __sharedWeight: number;
  __unionWeight: number;
  __score: number;
  __rn: number;
  __total: number;
  __inPage: number;
  __onetRank: number | null;
  __onetTier: string | null;
  /** JSON: [type, itemId, importance, relatedImportance, weight, relatedWeight] per shared item; null outside the page. */
  __shared: string | null;
};

/** A stored similar role's row: also how many of its parent's ranking are stored (positions 1 to `__stored`). */
export type StoredSimilarRoleRow = SimilarRoleRow & { __stored: number };

/**
 * The select list of a ranking over scored pairs `s` ("parent", "other", "sharedWeight",
 * "unionWeight") joined to the other role `e`: its columns and figures, numbered most similar
 * first, ties by name then id.
 */
function rankedColumns(s: Sql): Sql {
  const score = sql`${s}."sharedWeight" / ${s}."unionWeight"`;
  return sql`e.*, ${s}."parent" AS "__parent", ${s}."sharedWeight" AS "__sharedWeight", ${s}."unionWeight" AS "__unionWeight",
        ${score} AS "__score",
        ROW_NUMBER() OVER (PARTITION BY ${s}."parent" ORDER BY ${rankKey(score)} DESC, ${nocase(sql`e.${ROLE_NAME}`)} ASC, e."id" ASC) AS "__rn"`;
}

/**
 * Completes a statement whose CTEs end in `ranked` (rankedColumns plus "__total"): keeps the window
 * of each parent (and its row 1, for the total), with O*NET's own rank where a stored
 * related-occupation link runs from the parent to the role, and the shared items of each edge in
 * the page as JSON, so the explanation costs no extra query.
 */
function pageOfRanked(ctes: Sql, window: PageWindow): Sql {
  const inPage = inPageSql(window);
  const shared = [sql`x."type"`, sql`x."itemId"`, sql`x."importance"`, sql`x."relatedImportance"`, sql`x."weight"`, sql`x."relatedWeight"`];
  return sql`WITH ${ctes}
    SELECT r.*, (${inPage}) AS "__inPage", rr."rank" AS "__onetRank", rr."tier" AS "__onetTier",
      CASE WHEN (${inPage}) THEN (
        SELECT ${jsonGroupArray(jsonArray(shared))}
        FROM (${sharedItemsSql((role) => sql`${role} = r."__parent"`, sql`r."id"`)}) x
      ) END AS "__shared"
    FROM ranked r LEFT JOIN ${registryIdent(RANKED.storage.table)} rr
      ON rr.${registryIdent(RANKED.from.column)} = r."__parent" AND rr.${registryIdent(RANKED.to.column)} = r."id"
    WHERE (${inPage}) OR r."__rn" = 1
    ORDER BY r."__parent", r."__rn"`;
}

/**
 * Each asked-about role's page of similar roles computed from the links (weighted Jaccard over
 * skills and tools, see related-roles.service.ts), ordered by parent then position; one statement
 * for every role. What `role_similarity` stores is this ranking's head.
 */
export function similarRoleRows(db: Queryable, roleIds: readonly number[], window: PageWindow): Promise<SimilarRoleRow[]> {
  const t = sql`t`;
  const totals = ROLE_ITEM_LINKS.map(
    (link) =>
      sql`SELECT ${column(t, link.role)} AS "roleId", ${link.weight(t)} AS "w" FROM ${link.table} t WHERE ${column(t, link.role)} IN (SELECT "other" FROM pairs UNION SELECT "id" FROM parents)`,
  );
  return rows<SimilarRoleRow>(
    db,
    pageOfRanked(
      sql`parents("id") AS (${jsonArrayValues(roleIds)}),
    pairs AS (
      SELECT "parent", "other", SUM(${least(sql`"weight"`, sql`"relatedWeight"`)}) AS "sharedWeight"
      FROM (${sharedItemsSql((role) => sql`${role} IN (SELECT "id" FROM parents)`, null)}) s
      GROUP BY "parent", "other"
    ),
    totals AS (
      SELECT "roleId", SUM("w") AS "total"
      FROM (${join(totals, sql` UNION ALL `)}) t
      GROUP BY "roleId"
    ),
    scored AS (
      SELECT p."parent", p."other", p."sharedWeight", ta."total" + tb."total" - p."sharedWeight" AS "unionWeight"
      FROM pairs p JOIN totals ta ON ta."roleId" = p."parent" JOIN totals tb ON tb."roleId" = p."other"
    ),
    ranked AS (
      SELECT ${rankedColumns(sql`s`)}, COUNT(*) OVER (PARTITION BY s."parent") AS "__total"
      FROM scored s JOIN ${ROLE} e ON e."id" = s."other"
    )`,
      window,
    ),
  );
}

/**
 * The same pages read from `role_similarity` (src/graph/role-similarity.service.ts): each parent's
 * stored head of its ranking, numbered in the same order, with the ranking's full length as the
 * total. Exact for every position up to `__stored`; one statement for every role.
 */
export function storedSimilarRoleRows(db: Queryable, roleIds: readonly number[], window: PageWindow): Promise<StoredSimilarRoleRow[]> {
  return rows<StoredSimilarRoleRow>(
    db,
    pageOfRanked(
      sql`parents("id") AS (${jsonArrayValues(roleIds)}),
    ranked AS (
      SELECT ${rankedColumns(sql`s`)}, s."relatedCount" AS "__total", COUNT(*) OVER (PARTITION BY s."parent") AS "__stored"
      FROM (SELECT "roleId" AS "parent", "otherId" AS "other", "sharedWeight", "unionWeight", "relatedCount"
        FROM "role_similarity" WHERE "roleId" IN (SELECT "id" FROM parents)) s
      JOIN ${ROLE} e ON e."id" = s."other"
    )`,
      window,
    ),
  );
}
