import { jsonArray, jsonArrayValues, jsonGroupArray, nocase } from '../db/dialect';
import { inPageSql } from '../db/paged-query';
import { column, ident, join, literal, registryIdent, rows, sql, type Queryable, type Sql } from '../db/sql';
import { NODE_TYPES } from '../model/node-types';
import { Importance } from '../shared/enums';
import type { PageWindow } from '../shared/page-window';
import type { ItemType } from './item';
import { ROLE_ITEM_LINKS } from './graph.store';

const ROLE = registryIdent(NODE_TYPES.role.table);
const ROLE_NAME = registryIdent(NODE_TYPES.role.nameColumn);

/** The row ids of the skills and of the tools a person has. */
export type HadItems = Readonly<Record<ItemType, readonly number[]>>;

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
  __score: number;
  __rn: number;
  __total: number;
  __inPage: number;
  /** JSON: [type, itemId, importance, importanceScore, weight, had] per matched or missing essential item; null outside the page. */
  __items: string | null;
};

/**
 * One page of the roles the items cover, best first (score as in match-roles.service.ts), with
 * each paged role's matched and missing essential items; one statement.
 */
export function matchRoleRows(db: Queryable, had: HadItems, window: PageWindow): Promise<MatchRoleRow[]> {
  const inPage = inPageSql(window);
  const candidates = ROLE_ITEM_LINKS.map(
    (link) => sql`SELECT ${link.role} AS "roleId" FROM ${link.table} WHERE ${link.item} IN (${jsonArrayValues(had[link.type])})`,
  );
  const item = ['type', 'itemId', 'importance', 'importanceScore', 'weight', 'had'] as const;
  return rows<MatchRoleRow>(
    db,
    sql`WITH candidates AS (${join(candidates, sql` UNION `)}),
    scored AS (
      SELECT "roleId", SUM(CASE WHEN "had" THEN "weight" ELSE 0 END) AS "matchedWeight", SUM("weight") AS "totalWeight"
      FROM (${roleLinksSql((role) => sql`${role} IN (SELECT "roleId" FROM candidates)`, had)})
      GROUP BY "roleId"
    ),
    ranked AS (
      SELECT e.*, s."matchedWeight" AS "__matchedWeight", s."totalWeight" AS "__totalWeight", s."matchedWeight" / s."totalWeight" AS "__score",
        ROW_NUMBER() OVER (ORDER BY s."matchedWeight" / s."totalWeight" DESC, ${nocase(sql`e.${ROLE_NAME}`)} ASC, e."id" ASC) AS "__rn",
        COUNT(*) OVER () AS "__total"
      FROM scored s JOIN ${ROLE} e ON e."id" = s."roleId"
    )
    SELECT r.*, (${inPage}) AS "__inPage",
      CASE WHEN (${inPage}) THEN (
        SELECT ${jsonGroupArray(jsonArray(item.map((name) => column(sql`x`, ident(name)))))}
        FROM (${roleLinksSql((role) => sql`${role} = r."id"`, had)}) x
        WHERE x."had" OR x."importance" = ${literal(Importance.ESSENTIAL)}
      ) END AS "__items"
    FROM ranked r
    WHERE (${inPage}) OR r."__rn" = 1
    ORDER BY r."__rn"`,
  );
}
