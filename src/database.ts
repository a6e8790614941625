import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DataSource, type Logger } from 'typeorm';
import { createDataSource, dataSourceOptions, type DatabaseConfig } from '../ormconfig';

/** Opens the database (SQLite, or PostgreSQL with DATABASE_URL) and brings its schema up to date with the committed migrations. */
export async function openDatabase(config: DatabaseConfig, logger?: Logger): Promise<DataSource> {
  if (!config.databaseUrl && config.databasePath !== ':memory:') mkdirSync(dirname(config.databasePath), { recursive: true });
  const dataSource = await connectDatabase(config, logger);
  await dataSource.runMigrations({ transaction: 'all' });
  return dataSource;
}

/**
 * Opens a database that another process has already migrated, without touching its schema: what a
 * cluster worker does, so that only the primary ever writes at start-up.
 */
export async function connectDatabase(config: DatabaseConfig, logger?: Logger): Promise<DataSource> {
  const dataSource = createDataSource(dataSourceOptions(config, logger));
  await dataSource.initialize();
  return dataSource;
}
