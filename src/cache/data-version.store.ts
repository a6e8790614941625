import { execute, rows, sql, type Queryable } from '../db/sql';

/** The one row of `data_version` (the migration inserts it). */
const ROW_ID = 1;

/** The current data version. */
export async function readDataVersion(db: Queryable): Promise<number> {
  const [row] = await rows<{ version: number }>(db, sql`SELECT "version" FROM "data_version" WHERE "id" = ${ROW_ID}`);
  return Number(row?.version ?? 0);
}

/** Advances the data version inside the caller's transaction, so it commits (or rolls back) with the write. */
export async function advanceDataVersion(db: Queryable): Promise<void> {
  await execute(db, sql`UPDATE "data_version" SET "version" = "version" + 1 WHERE "id" = ${ROW_ID}`);
}
