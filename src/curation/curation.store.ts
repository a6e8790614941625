import { jsonArrayValues } from '../db/dialect';
import { registryIdent, rows, sql, type Queryable } from '../db/sql';
import { NODE_TYPES, type NodeKey } from '../model/node-types';

/** The statements mutations read with, besides the import engine's and the export's. */

const q = registryIdent;

/** What a mutation needs to know of an entity row before it writes. */
export interface EntityRef {
  id: number;
  slug: string;
  revision: number;
}

/** The rows of a node type with these slugs. */
export async function refsBySlug(db: Queryable, type: NodeKey, slugs: readonly string[]): Promise<EntityRef[]> {
  const found = await rows<EntityRef>(
    db,
    sql`SELECT "id", "slug", "revision" FROM ${q(NODE_TYPES[type].table)} WHERE "slug" IN (${jsonArrayValues(slugs)})`,
  );
  return found.map((row) => ({ id: Number(row.id), slug: row.slug, revision: Number(row.revision) }));
}

/** The chain of `column` (a parent or broader reference) upwards from row `id`, nearest first, at most `limit` long. */
export async function ancestors(db: Queryable, type: 'role' | 'category', column: 'parentId' | 'broaderId', id: number, limit = 1000) {
  const table = q(NODE_TYPES[type].table);
  const found = await rows<{ id: number }>(
    db,
    sql`WITH RECURSIVE up("id", "depth") AS (
          SELECT ${q(column)}, 1 FROM ${table} WHERE "id" = ${id}
          UNION ALL SELECT t.${q(column)}, up."depth" + 1 FROM ${table} t JOIN up ON t."id" = up."id" WHERE up."depth" < ${limit}
        ) SELECT "id" FROM up WHERE "id" IS NOT NULL ORDER BY "depth"`,
  );
  return found.map((row) => Number(row.id));
}

/** How many citations name a source. */
export async function countCitationsOf(db: Queryable, sourceId: number): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`SELECT COUNT(*) AS "n" FROM "citation" WHERE "sourceId" = ${sourceId}`);
  return Number(row.n);
}

/** How many API keys (revoked or not) cite a source by default. */
export async function keysCiting(db: Queryable, sourceId: number): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`SELECT COUNT(*) AS "n" FROM "api_key" WHERE "sourceId" = ${sourceId}`);
  return Number(row.n);
}
