import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { printSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Context } from '../context';
import { dataVersionClock, readerLags, type DataVersionClock } from './data-version';
import { cacheKey } from './response-cache';

/*
 * HTTP caching for queries sent with GET, so a browser or a CDN can keep and revalidate answers.
 *
 * An answer is fixed by the data (the data version), the code that computes it (a hash of the
 * schema, which changes with a deploy that changes the API) and the question (operation name,
 * normalised document, variables: the response cache's key). The ETag is a hash of the three, so
 * it is known before anything executes: a GET whose If-None-Match holds it is answered 304 with no
 * resolver run. The ETag is weak (`W/`): the same answer goes out in several encodings, and the
 * cost extension may say a different budget left this minute.
 *
 * Only error-free answers to queries are cacheable. `Cache-Control` is `public` while reads need
 * no key, `private` (the browser only, never a shared cache) when they do or when the request
 * carried an Authorization header; `max-age` is HTTP_CACHE_MAX_AGE, so after an import a cache may
 * serve the old answer that long. POST requests are not cached by HTTP caches at all, and
 * Apollo's CSRF prevention asks a GET to carry `Content-Type: application/json` or an
 * `Apollo-Require-Preflight` header.
 */
export function httpCachePlugin(
  dataSource: DataSource,
  config: Pick<Config, 'httpCacheMaxAge' | 'readRequiresKey' | 'responseCachePollMs'>,
): ApolloServerPlugin {
  // The clock (and its poll) starts with the first GET query: a server that is never asked one
  // reads no data version for it.
  let clock: DataVersionClock | undefined;
  let stopPolling: (() => Promise<void>) | undefined;
  let following: Promise<() => Promise<void>> | undefined;
  const started = () => {
    if (clock) return clock;
    clock = dataVersionClock(dataSource);
    if (config.responseCachePollMs > 0) stopPolling = clock.pollEvery(config.responseCachePollMs);
    following = clock.follow();
    return clock;
  };
  let schemaHash = '';
  return {
    async serverWillStart({ schema }) {
      schemaHash = digest(printSchema(schema)).slice(0, 12);
      return {
        serverWillStop: async () => {
          await stopPolling?.();
          await (
            await following
          )?.();
        },
      };
    },
    async requestDidStart({ request }) {
      if (request.http?.method !== 'GET') return;
      let tag: string | undefined;
      let version = 0;
      const shared = !config.readRequiresKey && !request.http.headers.get('authorization');
      const cacheControl = `${shared ? 'public' : 'private'}, max-age=${config.httpCacheMaxAge}`;
      return {
        async responseForOperation(context) {
          if (context.operation?.operation !== 'query') return null;
          version = await started().version();
          tag = `W/"${version}-${schemaHash}-${digest(cacheKey(context)).slice(0, 27)}"`;
          if (!matches(request.http!.headers.get('if-none-match'), tag)) return null;
          return {
            http: { status: 304, headers: new HeaderMap([['cache-control', cacheControl]]) },
            body: { kind: 'single', singleResult: {} },
          };
        },
        async willSendResponse({ response, contextValue }) {
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          if (!single || single.errors?.length) {
            // Apollo's own persisted-query errors say how to cache them (not at all, privately).
            if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
            return;
          }
          if (!tag) return;
          // Answered by a replica that had not replayed the version the tag names: the answer may be
          // older than the tag says, and a cache revalidating it would keep it until the next write.
          if (single.data && (await readerLags(contextValue as Partial<Context>, dataSource, version))) {
            response.http.headers.set('cache-control', 'no-store');
            return;
          }
          response.http.headers.set('etag', tag);
          response.http.headers.set('cache-control', cacheControl);
          response.http.headers.set('vary', 'Accept');
        },
      };
    },
  };
}

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}

/** Whether an If-None-Match header names `tag` (weak comparison, as RFC 9110 asks for it). */
function matches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.trim() === '*' || header.split(',').some((t) => bare(t) === bare(tag));
}
