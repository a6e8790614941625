import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { DataSource } from 'typeorm';
import { authPlugin, identify } from './auth/auth';
import { responseCachePlugin } from './cache/response-cache';
import { loadConfig, type Config } from './config';
import { createContext, type Context } from './context';
import { listen, portOf } from './http-server';
import { CostBudget } from './limits/cost-budget';
import { costLimitPlugin } from './limits/cost-limit';
import { PRICES } from './limits/prices';
import { RateLimiter } from './limits/rate-limit';
import { documentLimitRules, tokenLimitError } from './limits/document-limits';
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
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
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
  // Apollo re-labels every validation-rule error GRAPHQL_VALIDATION_FAILED; keep our own rules' codes.
  const originalCode = original instanceof GraphQLError ? (original.extensions?.code as string | undefined) : undefined;
  const publicCode = [originalCode, code].find((c) => c && c !== ErrorCode.INTERNAL_SERVER_ERROR && PUBLIC_CODES.has(c));
  if (publicCode) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code: publicCode } };
  }
  console.error('[skill-atlas] internal error', original);
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
): Promise<ApolloServer<Context>> {
  return new ApolloServer<Context>({
    schema: await createSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Apollo turns introspection off when NODE_ENV is production; this public API keeps it on unless told.
    introspection: config.introspection,
    parseOptions: { maxTokens: config.maxTokens },
    validationRules: documentLimitRules(config),
    // Apollo's cache-control plugin hooks every resolved field to compute HTTP cache hints we never set.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      playgroundPlugin(),
      authPlugin(config.readRequiresKey),
      costLimitPlugin(config.maxCost, PRICES, {
        rateLimiter: new RateLimiter({ key: config.rateLimitPerMinute, anonymous: config.anonymousRateLimitPerMinute }),
        budget: config.maxCostInFlight ? new CostBudget(config.maxCostInFlight) : undefined,
      }),
      attributionPlugin(dataSource),
      responseCachePlugin(dataSource, config),
      ...plugins,
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
}

/** Starts the HTTP server on `port` (0 picks a free one); used by main.ts and by the tests. */
export async function startServer(
  dataSource: DataSource,
  port: number,
  config: Config = loadConfig(),
  options: ServeOptions = {},
): Promise<RunningServer> {
  const server = await createApolloServer(dataSource, config, options.plugins);
  const reader = options.reader ?? (() => dataSource);
  const httpServer = await listen(server, {
    port,
    maxBodyBytes: config.maxBodyBytes,
    context: async (req) => createContext(reader(), { writer: dataSource, caller: await identify(dataSource, req) }),
  });
  const actualPort = portOf(httpServer);
  return { url: `http://localhost:${actualPort}/graphql`, port: actualPort, stop: () => server.stop() };
}

/**
 * `startServer` as `npm start` runs it: reading through a pool of `config.readConnections`
 * connections to the database file when there is more than one; `stop()` closes them too.
 */
export async function startPooledServer(
  dataSource: DataSource,
  port: number,
  config: Config = loadConfig(),
  options: ServeOptions = {},
): Promise<RunningServer> {
  const pool = config.readConnections > 1 ? await ReadPool.open(dataSource, config, config.readConnections) : undefined;
  const server = await startServer(dataSource, port, config, { ...options, reader: pool && (() => pool.next()) });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await pool?.close();
    },
  };
}
