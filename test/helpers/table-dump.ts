import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Every row of every table, ids included, each table ordered by all its columns: two dumps are
 * deep-equal exactly when the stored rows are the same. `withCounters` adds SQLite's AUTOINCREMENT
 * counters (sqlite_sequence), which move whenever an insert is attempted, even one that upserts.
 */
export async function dumpTables(dataSource: DataSource, options: { withCounters?: boolean } = {}): Promise<Record<string, unknown[]>> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT "name" FROM sqlite_master WHERE "type" = 'table' AND ("name" NOT LIKE 'sqlite_%' OR "name" = ?) ORDER BY "name"`,
    [options.withCounters ? 'sqlite_sequence' : ''],
  );
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const columns: unknown[] = await dataSource.query(`PRAGMA table_info("${name}")`);
    const orderBy = columns.map((_column, i) => String(i + 1)).join(', ');
    dump[name] = await dataSource.query(`SELECT * FROM "${name}" ORDER BY ${orderBy}`);
  }
  return dump;
}

/**
 * A SHA-256 per table of the same dump: comparing two fingerprints is instant where a deep-equal
 * of several hundred thousand rows takes minutes.
 */
export async function fingerprintTables(dataSource: DataSource, options: { withCounters?: boolean } = {}): Promise<Record<string, string>> {
  const dump = await dumpTables(dataSource, options);
  return Object.fromEntries(
    Object.entries(dump).map(([table, rows]) => [
      table,
      `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`,
    ]),
  );
}
