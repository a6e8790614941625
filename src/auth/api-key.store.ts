import { execute, rows, sql, type Queryable } from '../db/sql';

/** Every statement about API keys. */

/** A stored key, hash and salt included: these never leave the auth module. */
export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  salt: string;
  hash: string;
  scope: string;
  sourceId: number;
  sourceSlug: string;
  createdAt: string;
  revokedAt: string | null;
}

const SELECT = sql`SELECT k."id", k."name", k."prefix", k."salt", k."hash", k."scope", k."sourceId", s."slug" AS "sourceSlug", k."createdAt", k."revokedAt"
  FROM "api_key" k JOIN "source" s ON s."id" = k."sourceId"`;

const parse = (row: ApiKeyRow): ApiKeyRow => ({ ...row, id: Number(row.id), sourceId: Number(row.sourceId) });

/** The key with this public prefix, revoked or not. */
export async function apiKeyByPrefix(db: Queryable, prefix: string): Promise<ApiKeyRow | undefined> {
  const [row] = await rows<ApiKeyRow>(db, sql`${SELECT} WHERE k."prefix" = ${prefix}`);
  return row && parse(row);
}

/** Every key, oldest first. */
export async function listApiKeys(db: Queryable): Promise<ApiKeyRow[]> {
  return (await rows<ApiKeyRow>(db, sql`${SELECT} ORDER BY k."id"`)).map(parse);
}

/** Stores a new key; returns its id. */
export async function insertApiKey(
  db: Queryable,
  key: Pick<ApiKeyRow, 'name' | 'prefix' | 'salt' | 'hash' | 'scope' | 'sourceId' | 'createdAt'>,
): Promise<number> {
  await execute(
    db,
    sql`INSERT INTO "api_key" ("name", "prefix", "salt", "hash", "scope", "sourceId", "createdAt")
        VALUES (${key.name}, ${key.prefix}, ${key.salt}, ${key.hash}, ${key.scope}, ${key.sourceId}, ${key.createdAt})`,
  );
  return (await apiKeyByPrefix(db, key.prefix))!.id;
}

/** Marks a key revoked; false when there is no such key or it was revoked already. */
export async function revokeApiKey(db: Queryable, id: number, at: string): Promise<boolean> {
  const before = await rows<{ id: number }>(db, sql`SELECT "id" FROM "api_key" WHERE "id" = ${id} AND "revokedAt" IS NULL`);
  if (before.length === 0) return false;
  await execute(db, sql`UPDATE "api_key" SET "revokedAt" = ${at} WHERE "id" = ${id}`);
  return true;
}
