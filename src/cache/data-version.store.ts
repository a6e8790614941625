import type { Client as PgClient, ClientConfig, Pool } from 'pg';
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
 * of its own, opened with the pool's settings, LISTENs on the channel the trigger on `data_version`
 * notifies at commit. It is not taken from the pool, so closing the DataSource (which waits for
 * every pooled connection to come back) never waits for it. `onLost` is called if that connection
 * fails (the caller falls back to reading the row).
 * Resolves with the function that stops listening and closes the connection.
 */
export async function listenForDataVersion(
  dataSource: DataSource,
  onChange: (payload: string | undefined) => void,
  onLost: (error: Error) => void,
): Promise<() => Promise<void>> {
  const driver = dataSource.driver as PostgresDriver;
  const { Client } = driver.postgres as { Client: typeof PgClient };
  const client = new Client(((driver.master as Pool).options ?? {}) as ClientConfig);
  let released = false;
  let listening = false;
  const release = () => {
    if (released) return;
    released = true;
    void client.end().catch(() => undefined);
  };
  client.on('notification', (message) => onChange(message.payload));
  client.on('error', (error: Error) => {
    release();
    if (listening) onLost(error);
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${CHANNEL.text}`);
  } catch (error) {
    release();
    throw error;
  }
  listening = true;
  return async () => {
    if (released) return;
    await client.query(`UNLISTEN ${CHANNEL.text}`).catch(() => undefined);
    release();
  };
}
