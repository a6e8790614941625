import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Every row of every table, ids included, each table ordered by all its columns: two dumps are
 * deep-equal exactly when the stored rows are the same. `withCounters` adds the id counters, which
 * move whenever an insert is attempted, even one that upserts: SQLite's AUTOINCREMENT counters
 * (sqlite_sequence), or PostgreSQL's sequences.
 */
export async function dumpTables(dataSource: DataSource, options: { withCounters?: boolean } = {}): Promise<Record<string, unknown[]>> {
  const postgres = dataSource.options.type === 'postgres';
  const tables: { name: string; columns: number }[] = postgres
    ? await dataSource.query(
        `SELECT t.table_name AS "name", (SELECT COUNT(*)::integer FROM information_schema.columns c WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name) AS "columns"
         FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
      )
    : await dataSource.query(
        `SELECT "name", (SELECT COUNT(*) FROM pragma_table_info(m."name")) AS "columns" FROM sqlite_master m
         WHERE "type" = 'table' AND ("name" NOT LIKE 'sqlite_%' OR "name" = ?) ORDER BY "name"`,
        [options.withCounters ? 'sqlite_sequence' : ''],
      );
  const dump: Record<string, unknown[]> = {};
  for (const { name, columns } of tables) {
    const orderBy = Array.from({ length: columns }, (_, i) => String(i + 1)).join(', ');
    dump[name] = await dataSource.query(`SELECT * FROM "${name}" ORDER BY ${orderBy}`);
  }
  if (postgres && options.withCounters) {
    dump.sequences = await dataSource.query(`SELECT "sequencename", "last_value" FROM pg_sequences ORDER BY 1`);
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
