/** The one place that reads process.env: every setting the service understands, with its default. */
export interface Config {
  /** SQLite file; `:memory:` for a throwaway database. */
  databasePath: string;
  /** Log every SQL statement TypeORM runs. */
  dbLogging: boolean;
  /** HTTP port for `npm start`. */
  port: number;
  /** Folder holding the curated seed dataset. */
  seedsDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databasePath: env.DATABASE_PATH || './data/skill-atlas.sqlite',
    dbLogging: env.DB_LOGGING === 'true',
    port: parsePort(env.PORT),
    seedsDir: env.SEEDS_DIR || 'seeds',
  };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 4000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}
