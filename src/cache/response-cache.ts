import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLServerListener } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { stripIgnoredCharacters, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Context } from '../context';
import { dataVersionClock, readerLags, type DataVersionClock } from './data-version';

/*
 * The response cache: the data changes only when an import commits, so an identical query asked
 * again is answered from memory. "Identical" is the document without ignored characters
 * (whitespace, commas, comments), the operation name and the variables. Entries live for one data
 * version (src/cache/data-version.ts): when it moves, every entry is dropped.
 *
 * Only queries are cached (never mutations), and only answers without errors. Only `data` is kept:
 * the extensions other plugins add (attribution, cost) are computed afresh on every response.
 * It is safe to share answers between clients because no answer depends on who asks; when
 * per-user data arrives, the key must include the user.
 *
 * The hit path does no parsing, validation or execution: Apollo's document store already skips
 * parsing and validating a document it has seen (Apollo has no hook before parsing that could
 * answer), and `responseForOperation`, the first hook that may answer, returns the entry. What is
 * left is building the key (the normalised text is remembered per parsed document), one map lookup,
 * and turning the stored JSON back into an object for Apollo to send.
 */

/** `x-cache` on every query's response: HIT when it was answered from memory. */
export const CACHE_HEADER = 'x-cache';

/**
 * Stored answers, bounded by bytes. Entries are kept as JSON text, so their size is what they
 * occupy (V8 stores a string of Latin-1 characters in one byte each, any other in two) and no
 * stored object is ever shared with, or changed by, a response on its way out.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, string>;
  private epoch = 0;

  constructor(readonly maxBytes: number) {
    this.entries = new LRUCache<string, string>({
      maxSize: maxBytes,
      // One large answer (a deep skill graph) may not push out everything else.
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
      sizeCalculation: (value, key) => textBytes(value) + textBytes(key) + ENTRY_OVERHEAD,
    });
  }

  /** Bytes held now, by the measure the bound applies to. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The stored JSON for `key` in data epoch `epoch`; a newer epoch first drops every entry. */
  get(epoch: number, key: string): string | undefined {
    if (epoch > this.epoch) {
      this.entries.clear();
      this.epoch = epoch;
    }
    return epoch === this.epoch ? this.entries.get(key) : undefined;
  }

  /** Stores an answer computed in `epoch`; one from an epoch already left behind is not kept. */
  set(epoch: number, key: string, json: string): void {
    if (epoch === this.epoch) this.entries.set(key, json);
  }
}

/** What an entry costs besides its two strings: the LRU's node and the map slot, roughly. */
const ENTRY_OVERHEAD = 100;

function textBytes(text: string): number {
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u00ff]/.test(text) ? text.length * 2 : text.length;
}

/** Variables as text, object keys sorted, so `{a, b}` and `{b, a}` share an entry. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Normalised text per parsed document: Apollo's document store hands back the same object for the same text. */
const normalised = new WeakMap<DocumentNode, string>();

/** What identifies an answer, data aside: operation name, normalised document, canonical variables. */
export function cacheKey(request: GraphQLRequestContext<object>): string {
  const document = request.document!;
  let text = normalised.get(document);
  if (text === undefined) {
    text = stripIgnoredCharacters(request.source!);
    normalised.set(document, text);
  }
  return `${request.operationName ?? ''}\n${text}\n${canonicalJson(request.request.variables ?? {})}`;
}

/**
 * Follows the data version (PostgreSQL's notifications) and polls it every `ms` (0: never) until
 * the server stops, so that writes and imports by other processes reach the cache: the plugin's
 * `serverWillStart` result.
 */
async function followWhileServing(clock: DataVersionClock, ms: number): Promise<GraphQLServerListener> {
  const unfollow = await clock.follow();
  const stopPolling = ms > 0 ? clock.pollEvery(ms) : undefined;
  return {
    serverWillStop: async () => {
      await stopPolling?.();
      await unfollow();
    },
  };
}

/** The response cache as an Apollo plugin, sized by the configuration; 0 bytes turns it off. */
export function responseCachePlugin(
  dataSource: DataSource,
  config: Pick<Config, 'responseCacheBytes' | 'responseCachePollMs'>,
): ApolloServerPlugin {
  if (config.responseCacheBytes <= 0) return {};
  const cache = new ResponseCache(config.responseCacheBytes);
  const clock = dataVersionClock(dataSource);
  return {
    serverWillStart: () => followWhileServing(clock, config.responseCachePollMs),
    async requestDidStart() {
      let lookup: { epoch: number; version: number; key: string; hit: boolean } | undefined;
      return {
        async responseForOperation(request) {
          if (request.operation?.operation !== 'query') return null;
          const epoch = await clock.epoch();
          const version = await clock.version();
          const key = cacheKey(request);
          const json = cache.get(epoch, key);
          lookup = { epoch, version, key, hit: json !== undefined };
          if (json === undefined) return null;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: JSON.parse(json) } },
          };
        },
        async willSendResponse({ response, contextValue }) {
          if (!lookup) return;
          response.http.headers.set(CACHE_HEADER, lookup.hit ? 'HIT' : 'MISS');
          if (lookup.hit || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (errors?.length || data === undefined || data === null) return;
          // Read from a replica (DATABASE_REPLICA_URLS): keep it only if the replica had replayed the
          // version the answer is stored under, or a lagging replica's answer would outlive the lag.
          if (await readerLags(contextValue as Partial<Context>, dataSource, lookup.version)) return;
          cache.set(lookup.epoch, lookup.key, JSON.stringify(data));
        },
      };
    },
  };
}
