import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { usesPostgres } from '../db/postgres';
import type { Queryable } from '../db/sql';
import { ErrorCode } from '../shared/errors';
import { chargeRateWindow, deleteRateWindowsBefore, type WindowCharge } from './rate-limit.store';

/*
 * Rate limits by cost: each client has a budget of query cost per minute (the cost of
 * src/limits/query-cost.ts, the same number `extensions.cost.requested` reports), charged when an
 * operation is accepted, before it runs. A client is its API key, or without one its IP address,
 * with a smaller budget. Windows are fixed minutes.
 *
 * Where the minutes are counted depends on the engine. On PostgreSQL, where several API processes
 * serve one database, every charge is one upsert on the primary's `rate_limit` table
 * (rate-limit.store.ts), so a client's budget holds across all of them exactly: N processes
 * accept no more than one budget a minute between them. It is the one statement a request pays
 * for its limit (none when both limits are 0). On SQLite, served by one process, the windows
 * are kept in this process's memory and cost no SQL; with WORKERS > 1 each worker counts on its
 * own (a client can spend up to WORKERS budgets a minute), the price of not writing to the file
 * on every read.
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

/** Where a limiter counts each client's spending per window. */
export interface RateWindows {
  /** Adds `cost` to `bucket`'s spending in the window starting at `start` if it fits `budget`. */
  charge(bucket: string, start: number, cost: number, budget: number): Promise<WindowCharge>;
}

const WINDOW_MS = 60_000;
/** Windows kept before old ones are swept. */
const SWEEP_AT = 10_000;

/** Windows in this process's memory (SQLite: one process serves the database). */
export class MemoryWindows implements RateWindows {
  private readonly windows = new Map<string, { start: number; spent: number }>();

  async charge(bucket: string, start: number, cost: number, budget: number): Promise<WindowCharge> {
    if (this.windows.size >= SWEEP_AT) for (const [k, w] of this.windows) if (w.start < start) this.windows.delete(k);
    let window = this.windows.get(bucket);
    if (!window || window.start !== start) this.windows.set(bucket, (window = { start, spent: 0 }));
    if (window.spent + cost > budget) return { charged: false, spent: window.spent };
    window.spent += cost;
    return { charged: true, spent: window.spent };
  }
}

/**
 * Windows in the database's `rate_limit` table (PostgreSQL), shared by every process over it. Once
 * per minute this process also deletes the windows that are over, in the background.
 */
export class DatabaseWindows implements RateWindows {
  private swept = 0;

  constructor(private readonly db: Queryable) {}

  async charge(bucket: string, start: number, cost: number, budget: number): Promise<WindowCharge> {
    if (this.swept !== start) {
      this.swept = start;
      void deleteRateWindowsBefore(this.db, start).catch(() => undefined);
    }
    return chargeRateWindow(this.db, bucket, start, cost, budget);
  }
}

export class RateLimiter {
  constructor(
    private readonly budgets: { key: number; anonymous: number },
    private readonly now: () => number = Date.now,
    private readonly windows: RateWindows = new MemoryWindows(),
  ) {}

  /** The limiter of an API process over `dataSource` (the primary): shared windows on PostgreSQL, memory on SQLite. */
  static over(dataSource: DataSource, budgets: { key: number; anonymous: number }): RateLimiter {
    return new RateLimiter(budgets, Date.now, usesPostgres(dataSource) ? new DatabaseWindows(dataSource) : new MemoryWindows());
  }

  /** Whether any budget is set (0 turns a limit off). */
  get enabled(): boolean {
    return this.budgets.key > 0 || this.budgets.anonymous > 0;
  }

  /** Charges `cost` to the caller's budget for the current minute; null when the caller has no limit. */
  async charge(caller: Pick<Caller, 'principal' | 'ip'>, cost: number): Promise<Charge | null> {
    const budget = caller.principal ? this.budgets.key : this.budgets.anonymous;
    if (budget <= 0) return null;
    const bucket = caller.principal ? `key:${caller.principal.keyId}` : `ip:${caller.ip}`;
    const now = this.now();
    const start = now - (now % WINDOW_MS);
    const { charged, spent } = await this.windows.charge(bucket, start, cost, budget);
    return { allowed: charged, remaining: budget - spent, resetAt: new Date(start + WINDOW_MS).toISOString() };
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
