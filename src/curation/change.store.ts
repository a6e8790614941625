import { jsonTableRows } from '../db/dialect';
import { execute, rows, sql, type Queryable } from '../db/sql';

/** Every statement about change records (src/curation/change.entity.ts). */

/** A change record as stored. */
export interface ChangeRow {
  id: number;
  dataVersion: number;
  at: string;
  apiKeyId: number | null;
  actor: string;
  operation: string;
  list: string;
  slug: string;
  action: string;
  before: string | null;
  after: string | null;
}

/** Appends change records, in order (ids grow in the order given), in one statement: the rows are one JSON parameter. */
export async function insertChanges(db: Queryable, changes: readonly Omit<ChangeRow, 'id'>[]): Promise<void> {
  if (changes.length === 0) return;
  const columns = ['dataVersion', 'at', 'apiKeyId', 'actor', 'operation', 'list', 'slug', 'action', 'before', 'after'];
  const values = jsonTableRows(
    sql`"change_record"`,
    columns,
    changes.map((c) => [c.dataVersion, c.at, c.apiKeyId, c.actor, c.operation, c.list, c.slug, c.action, c.before, c.after]),
  );
  await execute(
    db,
    sql`INSERT INTO "change_record" ("dataVersion", "at", "apiKeyId", "actor", "operation", "list", "slug", "action", "before", "after") ${values}`,
  );
}

/** Up to `limit` records after the record `afterId`, oldest first. */
export async function selectChangesAfter(db: Queryable, afterId: number, limit: number): Promise<ChangeRow[]> {
  const found = await rows<ChangeRow>(db, sql`SELECT * FROM "change_record" WHERE "id" > ${afterId} ORDER BY "id" LIMIT ${limit}`);
  return found.map((row) => ({
    ...row,
    id: Number(row.id),
    dataVersion: Number(row.dataVersion),
    apiKeyId: row.apiKeyId === null ? null : Number(row.apiKeyId),
  }));
}

/** The number of records after `afterId`. */
export async function countChangesAfter(db: Queryable, afterId: number): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`SELECT COUNT(*) AS "n" FROM "change_record" WHERE "id" > ${afterId}`);
  return Number(row.n);
}

/** When the data last changed: the time of the newest change record, if any. */
export async function lastChangeAt(db: Queryable): Promise<string | null> {
  const [row] = await rows<{ at: string | null }>(db, sql`SELECT MAX("at") AS "at" FROM "change_record"`);
  return row?.at ?? null;
}
