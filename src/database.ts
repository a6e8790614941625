import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type Logger } from 'typeorm';
import { dataSourceOptions } from '../ormconfig';
import type { Config } from './config';

/** Opens the SQLite database and brings its schema up to date with the committed migrations. */
export async function openDatabase(config: Pick<Config, 'databasePath' | 'dbLogging'>, logger?: Logger): Promise<DataSource> {
  if (config.databasePath !== ':memory:') mkdirSync(dirname(config.databasePath), { recursive: true });
  const dataSource = await connectDatabase(config, logger);
  await dataSource.runMigrations({ transaction: 'all' });
  return dataSource;
}

/**
 * Opens a database that another process has already migrated, without touching its schema: what a
 * cluster worker does, so that only the primary ever writes at start-up.
 */
export async function connectDatabase(config: Pick<Config, 'databasePath' | 'dbLogging'>, logger?: Logger): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(config, logger));
  await dataSource.initialize();
  return dataSource;
}
