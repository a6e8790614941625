import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../shared/errors';
import type { CostBudget } from './cost-budget';
import { PRICES, type PriceRegistry } from './prices';
import { operationCost } from './query-cost';
import { rateLimited, type RateLimiter } from './rate-limit';
import type { Context } from '../context';

/**
 * `extensions.cost` of a response: what the query was priced at and the most a query may cost;
 * with rate limits on, also the caller's budget left this minute and when it is full again.
 */
export interface CostExtension {
  requested: number;
  limit: number;
  remaining?: number;
  resetAt?: string;
}

/**
 * Prices every operation once its document is validated and its operation chosen, before the
 * response cache or any resolver runs, and rejects it with QUERY_TOO_COSTLY when it costs more
 * than `limit`. Every response that was priced carries `extensions.cost`, a cached answer too: the
 * cost is the price of the query, not of the work this particular answer took.
 *
 * A validation rule cannot do this: rules never see the variables (`first: $n`), and Apollo skips
 * validation for a document it has validated before.
 *
 * With a `rateLimiter`, the cost is also charged to the caller's budget for the minute. With a
 * `budget`, an accepted operation also holds its cost from the budget while it executes
 * (a cached answer does not execute, so it never waits), and gives it back when its answer is ready.
 */
export function costLimitPlugin(
  limit: number,
  prices: PriceRegistry = PRICES,
  { rateLimiter, budget }: { rateLimiter?: RateLimiter; budget?: CostBudget } = {},
): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let cost: CostExtension | undefined;
      let held = 0;
      const release = () => {
        if (held) budget!.release(held);
        held = 0;
      };
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const requested = operationCost(schema, document, operation, request.variables, prices);
          if (requested === undefined) return;
          cost = { requested, limit };
          if (requested > limit) throw tooCostly(cost);
          const caller = (contextValue as Partial<Context>).caller;
          const charge = caller && (await rateLimiter?.charge(caller, requested));
          if (!charge) return;
          if (!charge.allowed) throw rateLimited(requested, charge);
          cost = { ...cost, remaining: charge.remaining, resetAt: charge.resetAt };
        },
        async executionDidStart() {
          if (budget && cost) held = await budget.acquire(cost.requested);
        },
        async didEncounterErrors() {
          release();
        },
        async willSendResponse({ response }) {
          release();
          if (!cost || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...(result.extensions ?? {}), cost };
        },
      };
    },
  };
}

function tooCostly(cost: CostExtension): GraphQLError {
  const n = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : String(value));
  return new GraphQLError(
    `This query would cost ${n(cost.requested)}; the limit is ${n(cost.limit)}. Every field costs 1 each time it can appear in the answer, ` +
      'so nested lists multiply: ask for smaller pages (lower `first` or `last`), fewer nested lists or fewer expensive fields ' +
      '(search, matchRoles, skillGap, relatedRoles, skillGraph), or split the query into several requests.',
    { extensions: { code: ErrorCode.QUERY_TOO_COSTLY, cost, http: { status: 400 } } },
  );
}
