import { jsonArrayValues } from '../db/dialect';
import { column, execute, join, list, literal, rows, sql, type Queryable } from '../db/sql';
import type { ItemType } from './item';
import { ROLE_ITEM_LINKS } from './graph.store';

/**
 * The statements that keep `role_similarity` (src/graph/role-similarity.entity.ts) true: read every
 * role's weighted skills and tools, and replace the pairs of the roles whose ranking changed.
 */

/** A role's link to a skill or tool with its weight, by the relation's rule (src/model/weights.ts). */
export interface RoleItemWeightRow {
  type: ItemType;
  roleId: number;
  itemId: number;
  weight: number;
}

/** Every role–skill and role–tool link with its weight, in one statement. */
export function roleItemWeightRows(db: Queryable): Promise<RoleItemWeightRow[]> {
  const t = sql`t`;
  const arms = ROLE_ITEM_LINKS.map(
    (link) =>
      sql`SELECT ${literal(link.type)} AS "type", ${column(t, link.role)} AS "roleId", ${column(t, link.item)} AS "itemId", ${link.weight(t)} AS "weight" FROM ${link.table} t`,
  );
  return rows<RoleItemWeightRow>(db, join(arms, sql` UNION ALL `));
}

/** One stored pair: [roleId, otherId, sharedWeight, unionWeight, relatedCount]. */
export type RoleSimilarityRow = readonly [number, number, number, number, number];

/**
 * Rows per INSERT: five bound values each, well below SQLite's 32,766 parameters. The weights are
 * bound, not sent as JSON text, so every double arrives bit for bit (SQLite's text-to-double
 * conversion can be off by one in the last place).
 */
const INSERT_ROWS = 4000;

const COLUMNS = sql`"roleId", "otherId", "sharedWeight", "unionWeight", "relatedCount"`;

/** The stored pairs of these roles (`null`: of every role). */
export async function storedRoleSimilarity(db: Queryable, roleIds: readonly number[] | null): Promise<RoleSimilarityRow[]> {
  const where = roleIds === null ? sql`` : sql` WHERE "roleId" IN (${jsonArrayValues(roleIds)})`;
  const found = await rows<Record<string, number>>(db, sql`SELECT ${COLUMNS} FROM "role_similarity"${where}`);
  return found.map((row) => [row.roleId, row.otherId, row.sharedWeight, row.unionWeight, row.relatedCount]);
}

/** What a role's stored ranking head says of it: its lowest kept score and how many roles share an item with it. */
export interface RankingHead {
  roleId: number;
  lowest: number;
  relatedCount: number;
}

/**
 * The head summary of each of these roles that has a stored ranking, in one statement: the
 * scores are divided here as `ItemGraph.ranking` divides them (both are IEEE doubles), so the
 * lowest compares exactly with a score computed in JavaScript.
 */
export async function storedRankingHeads(db: Queryable, roleIds: readonly number[]): Promise<RankingHead[]> {
  const found = await rows<RankingHead>(
    db,
    sql`SELECT "roleId", MIN("sharedWeight" / "unionWeight") AS "lowest", MAX("relatedCount") AS "relatedCount"
      FROM "role_similarity" WHERE "roleId" IN (${jsonArrayValues(roleIds)}) GROUP BY "roleId"`,
  );
  return found.map((row) => ({ roleId: Number(row.roleId), lowest: Number(row.lowest), relatedCount: Number(row.relatedCount) }));
}

/** The stored pairs from any of `roleIds` to any of `otherIds`, as [roleId, otherId]. */
export async function storedPairsBetween(
  db: Queryable,
  roleIds: readonly number[],
  otherIds: readonly number[],
): Promise<[number, number][]> {
  const found = await rows<{ roleId: number; otherId: number }>(
    db,
    sql`SELECT "roleId", "otherId" FROM "role_similarity"
      WHERE "roleId" IN (${jsonArrayValues(roleIds)}) AND "otherId" IN (${jsonArrayValues(otherIds)})`,
  );
  return found.map((row) => [Number(row.roleId), Number(row.otherId)]);
}

/** Deletes these pairs (by their roleId and otherId), INSERT_ROWS per statement. */
export async function deleteRoleSimilarityPairs(db: Queryable, pairs: readonly RoleSimilarityRow[]): Promise<void> {
  for (let i = 0; i < pairs.length; i += INSERT_ROWS) {
    const keys = pairs.slice(i, i + INSERT_ROWS).map(([roleId, otherId]) => sql`(${roleId}, ${otherId})`);
    await execute(db, sql`DELETE FROM "role_similarity" WHERE ("roleId", "otherId") IN (VALUES ${join(keys)})`);
  }
}

/** Inserts pairs, or rewrites the figures of pairs already stored, INSERT_ROWS per statement. */
export async function writeRoleSimilarity(db: Queryable, pairs: readonly RoleSimilarityRow[]): Promise<void> {
  for (let i = 0; i < pairs.length; i += INSERT_ROWS) {
    const values = pairs.slice(i, i + INSERT_ROWS).map((pair) => sql`(${list(pair)})`);
    await execute(
      db,
      sql`INSERT INTO "role_similarity" (${COLUMNS}) VALUES ${join(values)}
        ON CONFLICT ("roleId", "otherId") DO UPDATE SET "sharedWeight" = excluded."sharedWeight",
          "unionWeight" = excluded."unionWeight", "relatedCount" = excluded."relatedCount"`,
    );
  }
}

/** One stored total: [roleId, totalWeight]. */
export type RoleWeightRow = readonly [number, number];

/** The stored totals of these roles (`null`: of every role). */
export async function storedRoleWeights(db: Queryable, roleIds: readonly number[] | null): Promise<RoleWeightRow[]> {
  const where = roleIds === null ? sql`` : sql` WHERE "roleId" IN (${jsonArrayValues(roleIds)})`;
  const found = await rows<Record<string, number>>(db, sql`SELECT "roleId", "totalWeight" FROM "role_weight"${where}`);
  return found.map((row) => [row.roleId, row.totalWeight]);
}

/** Deletes the totals of these roles (roles left without skills and tools), INSERT_ROWS per statement. */
export async function deleteRoleWeights(db: Queryable, roleIds: readonly number[]): Promise<void> {
  for (let i = 0; i < roleIds.length; i += INSERT_ROWS) {
    await execute(db, sql`DELETE FROM "role_weight" WHERE "roleId" IN (${list(roleIds.slice(i, i + INSERT_ROWS))})`);
  }
}

/** Inserts totals, or rewrites totals already stored, INSERT_ROWS per statement (bound, so every double arrives bit for bit). */
export async function writeRoleWeights(db: Queryable, totals: readonly RoleWeightRow[]): Promise<void> {
  for (let i = 0; i < totals.length; i += INSERT_ROWS) {
    const values = totals.slice(i, i + INSERT_ROWS).map((row) => sql`(${list(row)})`);
    await execute(
      db,
      sql`INSERT INTO "role_weight" ("roleId", "totalWeight") VALUES ${join(values)}
        ON CONFLICT ("roleId") DO UPDATE SET "totalWeight" = excluded."totalWeight"`,
    );
  }
}
