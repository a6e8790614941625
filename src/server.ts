import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { DataSource } from 'typeorm';
import { authPlugin, identify } from './auth/auth';
import { followDataVersionPlugin } from './cache/data-version';
import { httpCachePlugin } from './cache/http-cache';
import { responseCachePlugin } from './cache/response-cache';
import { loadConfig, type Config } from './config';
import { createContext, readOwnWritesPlugin, type Context } from './context';
import { listen, portOf, type PlainAnswer } from './http-server';
import { readiness } from './observability/health';
import { createLogger, type Logger } from './observability/logger';
import { METRICS_CONTENT_TYPE, ServerMetrics } from './observability/metrics';
import { observationPlugin } from './observability/observation';
import type { RequestRecord } from './observability/request-record';
import { CostBudget } from './limits/cost-budget';
import { costLimitPlugin } from './limits/cost-limit';
import { PRICES } from './limits/prices';
import { RateLimiter } from './limits/rate-limit';
import { documentLimitRules, tokenLimitError } from './limits/document-limits';
import { exploreRoutes } from './explore/explore.route';
import { playgroundPlugin } from './playground/playground';
import { ReadPool } from './db/read-pool';
import { createSchema } from './schema';
import { attributionPlugin } from './source/attribution';
import { ErrorCode } from './shared/errors';

/** Codes that reach clients as they are; everything else is masked. */
const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

function validationMessages(failures: ValidationFailure[], prefix = ''): string[] {
  return failures.flatMap((f) => [
    ...Object.values(f.constraints ?? {}),
    ...validationMessages(f.children ?? [], `${prefix}${f.property}.`),
  ]);
}

/**
 * Shapes every error a client sees: known codes pass with their message, argument validation
 * failures become one readable sentence, and anything unexpected is logged here and answered with
 * a bare INTERNAL_SERVER_ERROR, so no stack trace or SQL ever leaves the server.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, logger?: Logger): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const code = formatted.extensions?.code as string | undefined;
  const tooManyTokens = code === ErrorCode.GRAPHQL_PARSE_FAILED ? tokenLimitError(formatted) : null;
  if (tooManyTokens) return tooManyTokens;
  const validationErrors = (original as { extensions?: { validationErrors?: ValidationFailure[] } } | undefined)?.extensions
    ?.validationErrors;
  if (validationErrors) {
    return {
      message: `Invalid argument: ${validationMessages(validationErrors).join('; ')}`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    };
  }
  // Apollo refuses a persisted-query hash that does not match the query sent with it without a code.
  if (formatted.message === 'provided sha does not match query') {
    return {
      message:
        'The sha256Hash in extensions.persistedQuery is not the SHA-256 (hex) of the query sent with it; send the hash of exactly this query text.',
      extensions: { code: ErrorCode.BAD_REQUEST },
    };
  }
  // Apollo re-labels every validation-rule error GRAPHQL_VALIDATION_FAILED; keep our own rules' codes.
  const originalCode = original instanceof GraphQLError ? (original.extensions?.code as string | undefined) : undefined;
  const publicCode = [originalCode, code].find((c) => c && c !== ErrorCode.INTERNAL_SERVER_ERROR && PUBLIC_CODES.has(c));
  if (publicCode) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code: publicCode } };
  }
  logger?.error({ err: original }, 'internal error');
  return {
    message: 'Internal server error. It has been logged; please try again or report it.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * Apollo Server over our schema, with fresh loaders per request, the request limits
 * (src/limits/), the offline playground, attribution and the response cache; `plugins` come after ours.
 */
export async function createApolloServer(
  dataSource: DataSource,
  config: Config = loadConfig(),
  plugins: ApolloServerPlugin<Context>[] = [],
  logger: Logger = createLogger(config),
): Promise<ApolloServer<Context>> {
  return new ApolloServer<Context>({
    schema: await createSchema(),
    formatError: (formatted, error) => formatError(formatted, error, logger),
    logger,
    includeStacktraceInErrorResponses: false,
    // Apollo turns introspection off when NODE_ENV is production; this public API keeps it on unless told.
    introspection: config.introspection,
    parseOptions: { maxTokens: config.maxTokens },
    validationRules: documentLimitRules(config),
    // Apollo's cache-control plugin hooks every resolved field to compute HTTP cache hints we never set.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      readOwnWritesPlugin(),
      followDataVersionPlugin(dataSource),
      playgroundPlugin(),
      authPlugin(config.readRequiresKey),
      costLimitPlugin(config.maxCost, PRICES, {
        rateLimiter: RateLimiter.over(dataSource, { key: config.rateLimitPerMinute, anonymous: config.anonymousRateLimitPerMinute }),
        budget: config.maxCostInFlight ? new CostBudget(config.maxCostInFlight) : undefined,
      }),
      attributionPlugin(dataSource),
      // Before the response cache: a 304 needs no stored answer.
      httpCachePlugin(dataSource, config),
      responseCachePlugin(dataSource, config),
      ...plugins,
      // Last: it reads what the plugins above put on the response.
      observationPlugin(),
    ],
    // main.ts owns SIGTERM and SIGINT (and, in a cluster, the primary decides when workers stop);
    // Apollo's own handlers would stop the server a second time and re-raise the signal.
    stopOnTerminationSignals: false,
  });
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting requests, lets in-flight ones finish, then returns. */
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Plugins added after ours (a cluster worker's `x-worker` header). */
  plugins?: ApolloServerPlugin<Context>[];
  /** The connection that answers the next request (a read pool); by default `dataSource` answers all. */
  reader?: () => DataSource;
  /** Where log lines go; by default a logger at `config.logLevel` on stdout. */
  logger?: Logger;
}

/**
 * Starts the HTTP server on `port` (0 picks a free one); used by main.ts and by the tests. Beside
 * GraphQL it answers `/healthz` (the process is up), `/readyz` (it should get traffic: see
 * src/observability/health.ts; 503 once `stop` has begun), `/metrics` (Prometheus text) and the
 * explorer page at `/explore` with its files (src/explore/), and writes one log line per GraphQL request.
 */
export async function startServer(
  dataSource: DataSource,
  port: number,
  config: Config = loadConfig(),
  options: ServeOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  const metrics = new ServerMetrics();
  const server = await createApolloServer(dataSource, config, options.plugins, logger);
  const reader = options.reader ?? (() => dataSource);
  let stopping = false;
  const json = (status: number, value: unknown): PlainAnswer => ({
    status,
    type: 'application/json; charset=utf-8',
    body: JSON.stringify(value),
  });
  const httpServer = await listen(server, {
    port,
    maxBodyBytes: config.maxBodyBytes,
    corsOrigins: config.corsOrigins,
    context: async (req) => createContext(reader(), { writer: dataSource, caller: await identify(dataSource, req) }),
    routes: {
      '/healthz': async () => json(200, { status: 'ok' }),
      '/readyz': async () => {
        const state = await readiness(dataSource, stopping);
        return json(state.ready ? 200 : 503, { status: state.ready ? 'ready' : 'not ready', ...state.checks });
      },
      '/metrics': async () => ({ status: 200, type: METRICS_CONTENT_TYPE, body: await metrics.text() }),
      ...exploreRoutes(),
    },
    onAnswered: (record, status, seconds) => {
      metrics.observe(record, status, seconds);
      logRequest(logger, record, status, seconds);
    },
    logger,
  });
  metrics.countConnections(httpServer);
  const actualPort = portOf(httpServer);
  return {
    url: `http://localhost:${actualPort}/graphql`,
    port: actualPort,
    stop: () => {
      stopping = true;
      return server.stop();
    },
  };
}

/**
 * The log line of one GraphQL request. It names the operation but never holds the query's
 * variables or any header (the Authorization header carries API keys): those fields are not
 * passed to the logger at all, so no level or setting can print them.
 */
function logRequest(logger: Logger, record: RequestRecord, status: number, seconds: number): void {
  const line = {
    reqId: record.id,
    method: record.method,
    path: record.path,
    operation: record.operationName ?? null,
    type: record.operationType ?? null,
    status,
    durationMs: Math.round(seconds * 1e6) / 1e3,
    cost: record.cost ?? null,
    cache: record.cache ?? null,
    dbStatements: record.db.statements,
    dbMs: Math.round(record.db.seconds * 1e6) / 1e3,
    errorCode: record.errorCodes[0] ?? null,
    errorCount: record.errorCodes.length,
  };
  if (status >= 500 || record.errorCodes.includes(ErrorCode.INTERNAL_SERVER_ERROR)) logger.error(line, 'request');
  else logger.info(line, 'request');
}

/**
 * `startServer` as `npm start` runs it: reading through the PostgreSQL replicas of
 * `config.databaseReplicaUrls` in turn, or through a pool of `config.readConnections` connections
 * to the database file when there is more than one; `stop()` closes them too.
 */
export async function startPooledServer(
  dataSource: DataSource,
  port: number,
  config: Config = loadConfig(),
  options: ServeOptions = {},
): Promise<RunningServer> {
  const pool = config.databaseReplicaUrls.length
    ? await ReadPool.replicas(config, config.databaseReplicaUrls)
    : config.readConnections > 1
      ? await ReadPool.open(dataSource, config, config.readConnections)
      : undefined;
  const server = await startServer(dataSource, port, config, { ...options, reader: pool && (() => pool.next()) });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await pool?.close();
    },
  };
}
