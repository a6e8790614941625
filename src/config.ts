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

  // Response cache (src/cache/response-cache.ts).
  /** Bytes of answers the response cache may hold; 0 turns it off. */
  responseCacheBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databasePath: env.DATABASE_PATH || './data/skill-atlas.sqlite',
    dbLogging: env.DB_LOGGING === 'true',
    port: parsePort(env.PORT),
    seedsDir: env.SEEDS_DIR || 'seeds',

    // Response cache.
    responseCacheBytes: parseBytes('RESPONSE_CACHE_BYTES', env.RESPONSE_CACHE_BYTES, 32 * 1024 * 1024),
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

/** A byte count: a whole number, 0 or more. */
function parseBytes(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const bytes = Number(value);
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new Error(`${name} must be a whole number of bytes (0 or more), got "${value}"`);
  return bytes;
}
