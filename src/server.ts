import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { DataSource } from 'typeorm';
import { responseCachePlugin } from './cache/response-cache';
import { loadConfig } from './config';
import { createContext, type Context } from './context';
import { playgroundPlugin } from './playground/playground';
import { createSchema } from './schema';
import { attributionPlugin } from './source/attribution';
import { depthLimit } from './shared/depth-limit';
import { ErrorCode } from './shared/errors';

/** Deep enough for four hops through edges { node } (13 levels), shallow enough to stop abuse. */
export const MAX_QUERY_DEPTH = 20;

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

/** Apollo Server over our schema, with fresh loaders per request and the offline playground. */
export async function createApolloServer(
  dataSource: DataSource,
  plugins: ApolloServerPlugin<Context>[] = [],
): Promise<ApolloServer<Context>> {
  return new ApolloServer<Context>({
    schema: await createSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(MAX_QUERY_DEPTH)],
    plugins: [playgroundPlugin(), attributionPlugin(dataSource), responseCachePlugin(dataSource, loadConfig()), ...plugins],
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
export async function startServer(dataSource: DataSource, port: number, options: ServeOptions = {}): Promise<RunningServer> {
  const server = await createApolloServer(dataSource, options.plugins);
  const reader = options.reader ?? (() => dataSource);
  const { url } = await startStandaloneServer(server, {
    listen: { port },
    context: async () => createContext(reader()),
  });
  const graphqlUrl = new URL('/graphql', url).toString();
  return { url: graphqlUrl, port: Number(new URL(url).port), stop: () => server.stop() };
}
