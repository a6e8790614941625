import { DataSource, type Logger } from 'typeorm';
import type { SqliteConnectionOptions } from 'typeorm/driver/sqlite/SqliteConnectionOptions';
import { loadConfig, type Config } from './src/config';
import { entities } from './src/model/entities';
import { migrations } from './src/migrations';

/**
 * The TypeORM DataSource options, built in one place from the configuration (DATABASE_PATH,
 * DB_LOGGING). The schema comes from the committed migrations only: `synchronize` stays off.
 */
export function dataSourceOptions(
  config: Pick<Config, 'databasePath' | 'dbLogging'> = loadConfig(),
  logger?: Logger,
): SqliteConnectionOptions {
  return {
    type: 'sqlite',
    database: config.databasePath,
    entities,
    migrations,
    migrationsTransactionMode: 'all',
    synchronize: false,
    // A custom logger (the tests' statement counter) needs the query log switched on to see anything.
    logging: logger ? ['query', 'error'] : config.dbLogging ? 'all' : ['error'],
    logger: logger ?? (config.dbLogging ? 'advanced-console' : 'simple-console'),
    // WAL lets readers carry on while an import writes. TypeORM itself turns foreign keys on.
    enableWAL: config.databasePath !== ':memory:',
    busyTimeout: 5000,
  };
}

/**
 * The DataSource the TypeORM CLI loads (`npm run migration:generate` passes it the compiled
 * dist/ormconfig.js). Importing this file only constructs it; nothing connects until the CLI does.
 * PORT is left out so that a bad PORT is still reported where the app reads it, not at import.
 */
export const dataSource = new DataSource(dataSourceOptions(loadConfig({ ...process.env, PORT: undefined })));
