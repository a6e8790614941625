import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Caller } from '../context';
import { ErrorCode } from '../shared/errors';

/*
 * Rate limits by cost: each client has a budget of query cost per minute (the cost of
 * src/limits/query-cost.ts, the same number `extensions.cost.requested` reports), charged when an
 * operation is accepted, before it runs. A client is its API key, or without one its IP address,
 * with a smaller budget. Windows are fixed minutes, kept in this process's memory: with WORKERS > 1
 * each worker counts on its own (a client can spend up to WORKERS budgets a minute), which is the
 * price of not writing to the database on every read; issue 10's shared store would lift it.
 */

/** What the limiter says about one charge. */
export interface Charge {
  /** True when the cost fitted the budget and was charged. */
  allowed: boolean;
  /** Budget left in this window after the charge (or, refused, before it). */
  remaining: number;
  /** When the window ends and the budget is full again (ISO 8601). */
  resetAt: string;
}

const WINDOW_MS = 60_000;
/** Windows kept before old ones are swept. */
const SWEEP_AT = 10_000;

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; spent: number }>();

  constructor(
    private readonly budgets: { key: number; anonymous: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether any budget is set (0 turns a limit off). */
  get enabled(): boolean {
    return this.budgets.key > 0 || this.budgets.anonymous > 0;
  }

  /** Charges `cost` to the caller's budget for the current minute; null when the caller has no limit. */
  charge(caller: Pick<Caller, 'principal' | 'ip'>, cost: number): Charge | null {
    const budget = caller.principal ? this.budgets.key : this.budgets.anonymous;
    if (budget <= 0) return null;
    const bucket = caller.principal ? `key:${caller.principal.keyId}` : `ip:${caller.ip}`;
    const now = this.now();
    const start = now - (now % WINDOW_MS);
    if (this.windows.size >= SWEEP_AT) for (const [k, w] of this.windows) if (w.start < start) this.windows.delete(k);
    let window = this.windows.get(bucket);
    if (!window || window.start !== start) this.windows.set(bucket, (window = { start, spent: 0 }));
    const resetAt = new Date(start + WINDOW_MS).toISOString();
    if (window.spent + cost > budget) return { allowed: false, remaining: budget - window.spent, resetAt };
    window.spent += cost;
    return { allowed: true, remaining: budget - window.spent, resetAt };
  }
}

/** RATE_LIMITED (HTTP 429, Retry-After) for a charge that did not fit. */
export function rateLimited(requested: number, charge: Charge, now = Date.now()): GraphQLError {
  const seconds = Math.max(1, Math.ceil((Date.parse(charge.resetAt) - now) / 1000));
  const headers = new HeaderMap([['retry-after', String(seconds)]]);
  return new GraphQLError(
    `This query costs ${requested.toLocaleString('en-US')} and ${charge.remaining.toLocaleString('en-US')} of this minute's budget is left; ` +
      `the budget is full again at ${charge.resetAt} (in ${seconds} s). Ask for smaller pages, or send an API key for a larger budget.`,
    {
      extensions: {
        code: ErrorCode.RATE_LIMITED,
        cost: { requested, remaining: charge.remaining, resetAt: charge.resetAt },
        http: { status: 429, headers } as never,
      },
    },
  );
}
