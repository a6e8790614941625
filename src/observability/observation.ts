import type { ApolloServerPlugin } from '@apollo/server';
import { CACHE_HEADER } from '../cache/response-cache';
import { currentRequest } from './request-record';

/**
 * Copies what Apollo knows about a request into its RequestRecord: the operation's name and type,
 * its priced cost (`extensions.cost`), whether the response cache answered (`x-cache`) and the
 * code of every error. It must come after the cost and response-cache plugins: Apollo starts the
 * `willSendResponse` hooks in plugin order, and theirs set what this one reads before they return.
 */
export function observationPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, operation, operationName, response }) {
          const record = currentRequest();
          if (!record) return;
          record.operationName = operationName ?? request.operationName ?? undefined;
          record.operationType = operation?.operation;
          const cache = response.http.headers.get(CACHE_HEADER);
          if (cache === 'HIT' || cache === 'MISS') record.cache = cache;
          if (response.body.kind !== 'single') return;
          const { errors, extensions } = response.body.singleResult;
          const cost = (extensions?.cost as { requested?: unknown } | undefined)?.requested;
          if (typeof cost === 'number') record.cost = cost;
          record.errorCodes = (errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
        },
      };
    },
  };
}
