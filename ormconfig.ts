import { DataSource, type DataSourceOptions, type Logger, type LoggerOptions } from 'typeorm';
import { loadConfig, type Config } from './src/config';
import { postgresTypes } from './src/db/postgres';
import { entities } from './src/model/entities';
import { migrations, postgresMigrations } from './src/migrations';

/** What opening the database needs from the configuration. */
export type DatabaseConfig = Pick<Config, 'databasePath' | 'databaseUrl' | 'dbLogging'>;

/**
 * The TypeORM DataSource options, built in one place from the configuration (DATABASE_PATH, or
 * DATABASE_URL for PostgreSQL; DB_LOGGING). The schema comes from the committed migrations only
 * (one list per engine): `synchronize` stays off.
 */
export function dataSourceOptions(config: DatabaseConfig = loadConfig(), logger?: Logger): DataSourceOptions {
  const logging: LoggerOptions = logger ? ['query', 'error'] : config.dbLogging ? 'all' : ['error'];
  const common = {
    entities,
    migrationsTransactionMode: 'all',
    synchronize: false,
    // A custom logger (the tests' statement counter) needs the query log switched on to see anything.
    logging,
    logger: logger ?? (config.dbLogging ? 'advanced-console' : 'simple-console'),
  } as const;
  if (config.databaseUrl) {
    // Rows read as on SQLite: counts as numbers, JSON as text (src/db/postgres.ts).
    return { ...common, type: 'postgres', url: config.databaseUrl, migrations: postgresMigrations, extra: { types: postgresTypes } };
  }
  return {
    ...common,
    type: 'sqlite',
    database: config.databasePath,
    migrations,
    // WAL lets readers carry on while an import writes. TypeORM itself turns foreign keys on.
    enableWAL: config.databasePath !== ':memory:',
    busyTimeout: 5000,
  };
}

/**
 * A DataSource for the configuration. On PostgreSQL an entity's `real` column is `double
 * precision`: SQLite's REAL is an 8-byte float, PostgreSQL's `real` a 4-byte one, and the weights
 * and scores must be the same numbers on both. TypeORM's column types are fixed per entity, not
 * per engine, so the PostgreSQL driver is told here, where its schema builder (the migrations'
 * drift check, `migration:generate`) asks for a column's type.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource(options);
  if (options.type === 'postgres') {
    const driver = dataSource.driver;
    const normalizeType = driver.normalizeType.bind(driver);
    driver.normalizeType = (column) => (column.type === 'real' ? 'double precision' : normalizeType(column));
  }
  return dataSource;
}

/**
 * The DataSource the TypeORM CLI loads (`npm run migration:generate` passes it the compiled
 * dist/ormconfig.js). Importing this file only constructs it; nothing connects until the CLI does.
 * PORT is left out so that a bad PORT is still reported where the app reads it, not at import.
 */
export const dataSource = createDataSource(dataSourceOptions(loadConfig({ ...process.env, PORT: undefined })));
