import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ErrorCode } from './shared/errors';

/*
 * The HTTP listener in front of Apollo: what `startStandaloneServer` does (CORS, reading a JSON
 * body, writing Apollo's answer), with a body limit we choose. Apollo's standalone server reads
 * bodies up to 50 MB and answers a larger one with an HTML page; this one stops keeping a body at
 * `maxBodyBytes` and answers HTTP 413 with a GraphQL-style JSON error, before anything is parsed.
 */

export interface HttpOptions<TContext extends BaseContext> {
  port: number;
  maxBodyBytes: number;
  /** The context of one request, from the request itself (its headers, its address). */
  context: (req: IncomingMessage) => Promise<TContext>;
}

/** Starts Apollo and listens on `port` (0 picks a free one). */
export async function listen<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: HttpOptions<TContext>,
): Promise<Server> {
  const httpServer = createServer((req, res) => {
    handle(apollo, options, req, res).catch((error: unknown) => {
      console.error('[skill-atlas] HTTP request failed', error);
      if (!res.headersSent)
        sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error. It has been logged; please try again or report it.');
      else res.destroy();
    });
  });
  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer }));
  await apollo.start();
  await new Promise<void>((resolve) => httpServer.listen({ port: options.port }, resolve));
  return httpServer;
}

/** The port a listening server got. */
export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

async function handle<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: HttpOptions<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // CORS as Apollo's standalone server answers it (the `cors` package's defaults): any origin.
  res.setHeader('access-control-allow-origin', '*');
  if (req.method === 'OPTIONS') {
    res.setHeader('access-control-allow-methods', 'GET,HEAD,PUT,PATCH,POST,DELETE');
    const asked = req.headers['access-control-request-headers'];
    if (asked) res.setHeader('access-control-allow-headers', asked);
    res.setHeader('vary', 'Access-Control-Request-Headers');
    res.statusCode = 204;
    res.setHeader('content-length', '0');
    res.end();
    return;
  }

  const body = await readBody(req, options.maxBodyBytes);
  if (body === TOO_LARGE) {
    const declared = Number(req.headers['content-length']);
    const size = Number.isFinite(declared) && declared > 0 ? `${declared.toLocaleString('en-US')} bytes` : 'too large';
    sendError(
      res,
      413,
      ErrorCode.REQUEST_TOO_LARGE,
      `The request body is ${size}; the most the server reads is ${options.maxBodyBytes.toLocaleString('en-US')} bytes. ` +
        'Split the query into several requests, and pass long lists of ids as variables.',
    );
    return;
  }
  const parsed = parseBody(req, body);
  if (parsed.error) {
    sendError(res, parsed.error.status, ErrorCode.BAD_REQUEST, parsed.error.message);
    return;
  }

  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body: parsed.body },
    context: () => options.context(req),
  });
  await send(res, response);
}

const TOO_LARGE = Symbol('too large');

/**
 * The body, or TOO_LARGE once it passes `max` bytes (by its Content-Length, or as it arrives).
 * The rest of a large body is read and dropped rather than the connection cut, so the client gets
 * the 413 instead of a reset while it is still sending.
 */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] | null = Number(req.headers['content-length']) > max ? null : [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) chunks = null;
      chunks?.push(chunk);
    });
    req.on('end', () => resolve(chunks ? Buffer.concat(chunks) : TOO_LARGE));
    req.on('error', reject);
  });
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/** A JSON body as Apollo takes it; any other content type reaches Apollo as no body, which it refuses. */
function parseBody(req: IncomingMessage, body: Buffer): { body?: unknown; error?: { status: number; message: string } } {
  const type = req.headers['content-type'] ?? '';
  if (!JSON_TYPE.test(type)) return {};
  const charset = CHARSET.exec(type)?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    return { error: { status: 415, message: `The body must be UTF-8 JSON, not ${charset}.` } };
  }
  if (body.length === 0) return { body: {} };
  try {
    return { body: JSON.parse(body.toString('utf8')) };
  } catch (error) {
    return { error: { status: 400, message: `The body is not valid JSON: ${(error as Error).message}` } };
  }
}

async function send(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** An error in the shape of a GraphQL response, for requests that never reach Apollo. */
function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
