import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DataSource, type Logger } from 'typeorm';
import { createDataSource, dataSourceOptions, type DatabaseConfig } from '../ormconfig';
import { withStartupLock } from './db/postgres';

/**
 * Opens the database (SQLite, or PostgreSQL with DATABASE_URL) and brings its schema up to date
 * with the committed migrations, then runs `afterMigrations` (the first seeding). On PostgreSQL
 * both run under the start-up lock, so API processes started together over one database take
 * turns: the first migrates and seeds, the others find it done.
 */
export async function openDatabase(
  config: DatabaseConfig,
  logger?: Logger,
  afterMigrations: (dataSource: DataSource) => Promise<unknown> = async () => undefined,
): Promise<DataSource> {
  if (!config.databaseUrl && config.databasePath !== ':memory:') mkdirSync(dirname(config.databasePath), { recursive: true });
  const dataSource = await connectDatabase(config, logger);
  await withStartupLock(dataSource, async () => {
    await dataSource.runMigrations({ transaction: 'all' });
    await afterMigrations(dataSource);
  });
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
