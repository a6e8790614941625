import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import { applyCors } from './http/cors';
import { compress } from './http/compress';
import { Drain } from './http/drain';
import { pageHeaders } from './http/page-security';
import type { Logger } from './observability/logger';
import { withRequest, type RequestRecord } from './observability/request-record';
import { ErrorCode } from './shared/errors';

/*
 * The HTTP listener in front of Apollo: node:http with Apollo's `executeHTTPGraphQLRequest`,
 * chosen over express or fastify because the server needs only a handful of plain endpoints
 * beside GraphQL, and each piece of HTTP it does is a few lines we can read and test: CORS
 * (src/http/cors.ts), a body limit (Apollo's standalone server reads up to 50 MB and answers a
 * larger body with an HTML page; this one stops keeping a body at `maxBodyBytes` and answers 413
 * with a GraphQL-style JSON error, before anything is parsed), compression (src/http/compress.ts),
 * security headers on HTML pages (src/http/page-security.ts), a request id on every request, and
 * one record per request (src/observability/request-record.ts) for its log line and metrics.
 */

/** A plain (non-GraphQL) answer: `/healthz`, `/readyz`, `/metrics`, the explorer's files. */
export interface PlainAnswer {
  status: number;
  type: string;
  body: string | Buffer;
  /** `no-store` unless given (the explorer's files may be cached). */
  cacheControl?: string;
}

export interface HttpOptions<TContext extends BaseContext> {
  port: number;
  maxBodyBytes: number;
  /** Browser origins that may read answers (src/http/cors.ts). */
  corsOrigins: '*' | readonly string[];
  /** The context of one request, from the request itself (its headers, its address). */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Endpoints answered for GET and HEAD without GraphQL, by path. */
  routes?: Record<string, () => Promise<PlainAnswer>>;
  /** Called once the answer of a GraphQL request has been sent (or its connection closed). */
  onAnswered?: (record: RequestRecord, status: number, seconds: number) => void;
  logger: Logger;
}

/**
 * How long an idle keep-alive connection stays open: longer than the 60 s idle timeout of common
 * load balancers and proxies (AWS ALB, nginx), so the server never closes a connection at the
 * moment the proxy sends a request on it (Node's default of 5 s makes that race, seen as 502s or
 * ECONNRESET, common; a process whose event loop was busy for more than 5 s met it at once). A
 * stop ends idle connections at once (src/http/drain.ts), so this does not delay shutdown.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Starts Apollo and listens on `port` (0 picks a free one). */
export async function listen<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: HttpOptions<TContext>,
): Promise<Server> {
  const httpServer = createServer((req, res) => {
    const record: RequestRecord = {
      id: requestId(req.headers[REQUEST_ID_HEADER]),
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://localhost').pathname,
      errorCodes: [],
      db: { statements: 0, seconds: 0 },
    };
    res.setHeader(REQUEST_ID_HEADER, record.id);
    withRequest(record, () => handle(apollo, options, record, req, res)).catch((error: unknown) => {
      withRequest(record, () => options.logger.error({ err: error }, 'HTTP request failed'));
      if (!res.headersSent)
        sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error. It has been logged; please try again or report it.');
      else res.destroy();
    });
  });
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  apollo.addPlugin(new Drain(httpServer, options.logger).plugin());
  await apollo.start();
  await new Promise<void>((resolve) => httpServer.listen({ port: options.port }, resolve));
  return httpServer;
}

/** The port a listening server got. */
export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** The header that carries a request's id, both ways. */
export const REQUEST_ID_HEADER = 'x-request-id';
const USABLE_REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** The client's request id when it is short and plain (it goes into logs and headers), else a fresh UUID. */
function requestId(sent: string | string[] | undefined): string {
  return typeof sent === 'string' && USABLE_REQUEST_ID.test(sent) ? sent : randomUUID();
}

async function handle<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: HttpOptions<TContext>,
  record: RequestRecord,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (applyCors(options.corsOrigins, req, res)) return;
  const route = options.routes?.[record.path];
  if (route) return sendPlain(req, res, route);

  const started = process.hrtime.bigint();
  res.once('close', () => options.onAnswered?.(record, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9));

  const body = await readBody(req, options.maxBodyBytes);
  if (body === TOO_LARGE) {
    const declared = Number(req.headers['content-length']);
    const size = Number.isFinite(declared) && declared > 0 ? `${declared.toLocaleString('en-US')} bytes` : 'too large';
    record.errorCodes = [ErrorCode.REQUEST_TOO_LARGE];
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
    record.errorCodes = [ErrorCode.BAD_REQUEST];
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
  await send(req, res, { ...response, status: statusFor(response, record) });
}

/** Errors that say the document or its variables are wrong, as GraphQL itself defines them. */
const REQUEST_ERRORS = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

/**
 * GraphQL over HTTP: a client that accepts only `application/json` (the older media type) may not
 * read the body of a 4xx answer, so a document that does not parse or validate, or variables that
 * do not coerce, are answered with 200 there; Apollo answers 400. Under
 * `application/graphql-response+json` they stay 400, as that media type asks. The server's own
 * refusals (limits, rate limits, keys, a malformed HTTP request) keep their status either way.
 */
function statusFor(response: HTTPGraphQLResponse, record: RequestRecord): number | undefined {
  if (response.status !== 400 || !/^application\/json/i.test(response.headers.get('content-type') ?? '')) return response.status;
  const requestError = record.errorCodes.length > 0 && record.errorCodes.every((code) => REQUEST_ERRORS.has(code));
  return requestError ? 200 : response.status;
}

/** Answers a plain endpoint; only GET and HEAD. */
async function sendPlain(req: IncomingMessage, res: ServerResponse, route: () => Promise<PlainAnswer>): Promise<void> {
  req.resume();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    sendError(res, 405, ErrorCode.BAD_REQUEST, `${req.method} is not allowed here; use GET.`);
    return;
  }
  const answer = await route();
  res.statusCode = answer.status;
  res.setHeader('content-type', answer.type);
  res.setHeader('cache-control', answer.cacheControl ?? 'no-store');
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
  if (/^text\/html/i.test(answer.type)) {
    for (const [key, value] of Object.entries(pageHeaders(body.toString('utf8')))) res.setHeader(key, value);
  }
  await sendBody(req, res, body);
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

async function send(req: IncomingMessage, res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (res.statusCode === 304) {
    // Not Modified has no body (src/cache/http-cache.ts): the client keeps the one it has.
    res.removeHeader('content-type');
    res.end();
    return;
  }
  if (response.body.kind === 'complete') {
    const text = response.body.string;
    if (/^text\/html/i.test(response.headers.get('content-type') ?? '')) {
      for (const [key, value] of Object.entries(pageHeaders(text))) res.setHeader(key, value);
    }
    await sendBody(req, res, Buffer.from(text, 'utf8'));
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Ends the response with `body`, compressed when the client accepts it and it is large enough. */
async function sendBody(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  res.appendHeader('vary', 'Accept-Encoding');
  const encoded = await compress(req, body);
  if (encoded.encoding) res.setHeader('content-encoding', encoded.encoding);
  res.setHeader('content-length', encoded.body.length);
  res.end(req.method === 'HEAD' ? undefined : encoded.body);
}

/** An error in the shape of a GraphQL response, for requests that never reach Apollo. */
function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
