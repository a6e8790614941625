/** The one place that reads process.env: every setting the service understands, with its default. */
export interface Config {
  /** SQLite file; `:memory:` for a throwaway database. Unused when `databaseUrl` is set. */
  databasePath: string;
  /** A PostgreSQL server's database (`postgres://user:password@host:port/database`) instead of the SQLite file. */
  databaseUrl?: string;
  /** Streaming replicas of `databaseUrl` that reads go to, in turn; writes, imports and migrations go to the primary. */
  databaseReplicaUrls: readonly string[];
  /** Log every SQL statement TypeORM runs. */
  dbLogging: boolean;
  /** HTTP port for `npm start`. */
  port: number;
  /** Folder holding the curated seed dataset. */
  seedsDir: string;
  /** Answer introspection queries (the playground's docs and autocomplete, codegen tools). */
  introspection: boolean;
  /** The least severe log lines written (JSON on stdout): `silent` writes none. */
  logLevel: LogLevel;
  /** Browser origins that may read the API across origins: `*` (any, without credentials) or a list. */
  corsOrigins: '*' | readonly string[];

  // Response cache (src/cache/response-cache.ts).
  /** Bytes of answers the response cache may hold; 0 turns it off. */
  responseCacheBytes: number;
  /** How often the cache re-reads the data version, to see imports by other processes; 0 never. */
  responseCachePollMs: number;
  /** `max-age` in seconds of cacheable answers to GET queries (src/cache/http-cache.ts). */
  httpCacheMaxAge: number;

  // Request limits (src/limits/): every request over one is rejected before any SQL runs.
  /** Most a query may cost, by the price registry in src/limits/prices.ts. */
  maxCost: number;
  /** Most fields a query may nest. */
  maxDepth: number;
  /** Most aliases in one operation. */
  maxAliases: number;
  /** Most directives in one operation. */
  maxDirectives: number;
  /** Most lexical tokens in one document. */
  maxTokens: number;
  /** Largest request body in bytes; a larger one is answered with HTTP 413. */
  maxBodyBytes: number;
  /** Most cost the requests executing at one time may add up to; the rest wait their turn. 0: no bound. */
  maxCostInFlight: number;

  // API keys and rate limits (src/auth/, src/limits/rate-limit.ts).
  /** Reads need an API key too (any scope); by default reads are public. */
  readRequiresKey: boolean;
  /** Query cost an API key may spend per minute; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Query cost a client without a key may spend per minute, per IP address; 0 turns the limit off. */
  anonymousRateLimitPerMinute: number;

  // Using every core (src/cluster/).
  /** Server processes answering on the port: 1 is a single process, more are node:cluster workers. */
  workers: number;
  /** SQLite connections each server process reads through, taken in turn by requests (1 on PostgreSQL, whose driver pools its own). */
  readConnections: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databasePath = env.DATABASE_PATH || './data/skill-atlas.sqlite';
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL);
  return {
    databasePath,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    databaseReplicaUrls: parseReplicaUrls(env.DATABASE_REPLICA_URLS, databaseUrl),
    dbLogging: env.DB_LOGGING === 'true',
    port: parsePort(env.PORT),
    seedsDir: env.SEEDS_DIR || 'seeds',
    introspection: parseFlag('INTROSPECTION', env.INTROSPECTION, true),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    corsOrigins: parseOrigins(env.CORS_ORIGINS),

    // Response cache.
    responseCacheBytes: parseCount('RESPONSE_CACHE_BYTES', env.RESPONSE_CACHE_BYTES, 32 * 1024 * 1024),
    responseCachePollMs: parseCount('RESPONSE_CACHE_POLL_MS', env.RESPONSE_CACHE_POLL_MS, 1000),
    httpCacheMaxAge: parseCount('HTTP_CACHE_MAX_AGE', env.HTTP_CACHE_MAX_AGE, 60),

    // Request limits.
    maxCost: parseCount('MAX_QUERY_COST', env.MAX_QUERY_COST, 10_000),
    maxDepth: parseCount('MAX_QUERY_DEPTH', env.MAX_QUERY_DEPTH, 20),
    maxAliases: parseCount('MAX_QUERY_ALIASES', env.MAX_QUERY_ALIASES, 30),
    maxDirectives: parseCount('MAX_QUERY_DIRECTIVES', env.MAX_QUERY_DIRECTIVES, 50),
    maxTokens: parseCount('MAX_QUERY_TOKENS', env.MAX_QUERY_TOKENS, 10_000),
    maxBodyBytes: parseCount('MAX_BODY_BYTES', env.MAX_BODY_BYTES, 1024 * 1024),
    maxCostInFlight: parseCount('MAX_COST_IN_FLIGHT', env.MAX_COST_IN_FLIGHT, 20_000),

    // API keys.
    readRequiresKey: env.READ_REQUIRES_KEY === 'true',
    rateLimitPerMinute: parseCount('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 200_000),
    anonymousRateLimitPerMinute: parseCount('ANONYMOUS_RATE_LIMIT_PER_MINUTE', env.ANONYMOUS_RATE_LIMIT_PER_MINUTE, 50_000),

    // Using every core.
    workers: parseWorkers(env.WORKERS, databasePath),
    readConnections: databaseUrl ? 1 : parseReadConnections(env.READ_CONNECTIONS, databasePath, env.UV_THREADPOOL_SIZE),
  };
}

/**
 * WORKERS: a whole number from 1, by default 1. Each worker holds its own copy of the schema,
 * loaders and cache (two held 520 to 550 MB between them under load, against the 300 MB the
 * server should stay within), so more workers are a choice for a machine with memory to spare.
 * Workers share the database file, so a `:memory:` database (one per connection) is served by one process.
 */
function parseWorkers(value: string | undefined, databasePath: string): number {
  if (value === undefined || value === '') return 1;
  const workers = Number(value);
  if (!Number.isSafeInteger(workers) || workers < 1) throw new Error(`WORKERS must be a whole number, 1 or more, got "${value}"`);
  if (workers > 1 && databasePath === ':memory:') {
    throw new Error(`WORKERS=${workers} needs a database file that every worker can open; DATABASE_PATH=:memory: is served by WORKERS=1`);
  }
  return workers;
}

/** DATABASE_URL: unset for SQLite, or a `postgres://` (or `postgresql://`) connection URL. */
function parseDatabaseUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new Error(`DATABASE_URL must be a PostgreSQL URL, postgres://user:password@host:port/database, got "${value.split('@').pop()}"`);
  }
  return value;
}

/** DATABASE_REPLICA_URLS: PostgreSQL URLs separated by commas, only beside a DATABASE_URL (their primary). */
function parseReplicaUrls(value: string | undefined, primary: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  if (!primary)
    throw new Error(
      'DATABASE_REPLICA_URLS needs DATABASE_URL: the replicas are copies of that PostgreSQL database, which takes the writes',
    );
  return value.split(',').map((url, i) => {
    const trimmed = url.trim();
    if (!/^postgres(ql)?:\/\//.test(trimmed)) {
      throw new Error(
        `DATABASE_REPLICA_URLS item ${i + 1} must be a PostgreSQL URL, postgres://user:password@host:port/database, got "${trimmed.split('@').pop()}"`,
      );
    }
    return trimmed;
  });
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 4000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}

/**
 * READ_CONNECTIONS: a whole number from 1, by default as many as libuv's thread pool runs at once
 * (4 unless UV_THREADPOOL_SIZE says otherwise), where sqlite3 runs statements: so a long statement
 * does not hold up short ones. A `:memory:` database has only the one connection.
 */
function parseReadConnections(value: string | undefined, databasePath: string, threadPool: string | undefined): number {
  if (value === undefined || value === '') return databasePath === ':memory:' ? 1 : Number(threadPool) || 4;
  const connections = Number(value);
  if (!Number.isSafeInteger(connections) || connections < 1) {
    throw new Error(`READ_CONNECTIONS must be a whole number, 1 or more, got "${value}"`);
  }
  if (connections > 1 && databasePath === ':memory:') {
    throw new Error(`READ_CONNECTIONS=${connections} needs a database file; each connection to :memory: is a different database`);
  }
  return connections;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function parseLogLevel(value: string | undefined): LogLevel {
  if (value === undefined || value === '') return 'info';
  const level = LOG_LEVELS.find((l) => l === value);
  if (!level) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return level;
}

/** CORS_ORIGINS: `*`, or origins separated by commas, each as a browser sends it (`https://app.example.com`). */
function parseOrigins(value: string | undefined): '*' | readonly string[] {
  if (value === undefined || value.trim() === '' || value.trim() === '*') return '*';
  return value.split(',').map((text) => {
    const origin = text.trim();
    let parsed: string | undefined;
    try {
      parsed = new URL(origin).origin;
    } catch {
      parsed = undefined;
    }
    if (parsed !== origin) {
      throw new Error(
        `CORS_ORIGINS must be * or origins separated by commas, such as https://app.example.com; "${origin}" is not an origin`,
      );
    }
    return origin;
  });
}

/** A switch: `true` or `false`. */
function parseFlag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`${name} must be true or false, got "${value}"`);
}

/** A count (bytes, milliseconds): a whole number, 0 or more. */
function parseCount(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`${name} must be a whole number, 0 or more, got "${value}"`);
  return count;
}

/**
 * TEST_DATABASE_URL, read by the test suite only (test/helpers/test-database.ts): a PostgreSQL
 * server on which every test database is created, instead of a SQLite file. Unset, tests use SQLite.
 */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    return parseDatabaseUrl(env.TEST_DATABASE_URL);
  } catch {
    throw new Error(`TEST_DATABASE_URL must be a PostgreSQL URL, postgres://user:password@host:port/database`);
  }
}
