import type { DataSource } from 'typeorm';

/** Every row of every table, in primary-key order: two equal dumps mean two identical databases. */
export async function dumpTables(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) dump[name] = await dataSource.query(`SELECT * FROM "${name}" ORDER BY 1, 2, 3`);
  return dump;
}
