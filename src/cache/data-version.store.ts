import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
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

/** The channel PostgreSQL's trigger on `data_version` notifies (src/migrations/postgres/1764800000000-…). */
const CHANNEL = sql`"data_version"`;

/**
 * On PostgreSQL, calls `onChange` with the new version (as text) each time any process commits one: a connection
 * of the pool kept aside for `LISTEN`, which the trigger on `data_version` notifies at commit.
 * `onLost` is called if that connection fails (the caller falls back to reading the row).
 * Resolves with the function that stops listening and returns the connection.
 */
export async function listenForDataVersion(
  dataSource: DataSource,
  onChange: (payload: string | undefined) => void,
  onLost: (error: Error) => void,
): Promise<() => Promise<void>> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const client: PoolClient = await pool.connect();
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.release(error);
  };
  client.on('notification', (message) => onChange(message.payload));
  client.on('error', (error: Error) => {
    release(error);
    onLost(error);
  });
  await client.query(`LISTEN ${CHANNEL.text}`);
  return async () => {
    if (released) return;
    await client.query(`UNLISTEN ${CHANNEL.text}`).catch(() => undefined);
    release();
  };
}
