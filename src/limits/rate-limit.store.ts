import { execute, rows, sql, type Queryable } from '../db/sql';

/**
 * Every statement about rate-limit windows: PostgreSQL's `rate_limit` table
 * (src/migrations/postgres/1765000000000-…), one row per client and minute, shared by every API
 * process over the database. SQLite, served by one process, counts in memory (src/limits/rate-limit.ts).
 */

/** What one charge did: whether it fitted, and the client's spending in the window after it. */
export interface WindowCharge {
  charged: boolean;
  spent: number;
}

/**
 * Adds `cost` to the spending of `bucket` in the window that starts at `windowStart` (ms since the
 * epoch) if the sum stays within `budget`, in one statement: the upsert locks the row, so charges
 * from every process are counted one after the other and none is lost. A charge that does not fit
 * leaves the spending as it was; the row says so in `charged`, and `spent` is what is spent.
 */
export async function chargeRateWindow(
  db: Queryable,
  bucket: string,
  windowStart: number,
  cost: number,
  budget: number,
): Promise<WindowCharge> {
  const fits = cost <= budget;
  const [row] = await rows<{ spent: string | number; charged: boolean }>(
    db,
    sql`/* chargeRateWindow */ INSERT INTO "rate_limit" ("bucket", "windowStart", "spent", "charged")
        VALUES (${bucket}, ${windowStart}, ${fits ? cost : 0}, ${fits})
        ON CONFLICT ("bucket", "windowStart") DO UPDATE SET
          "spent" = CASE WHEN "rate_limit"."spent" + ${cost} <= ${budget} THEN "rate_limit"."spent" + ${cost} ELSE "rate_limit"."spent" END,
          "charged" = "rate_limit"."spent" + ${cost} <= ${budget}
        RETURNING "spent", "charged"`,
  );
  return { charged: row.charged === true || String(row.charged) === '1', spent: Number(row.spent) };
}

/** Deletes the windows that started before `windowStart`: their budgets are full again. */
export async function deleteRateWindowsBefore(db: Queryable, windowStart: number): Promise<void> {
  await execute(db, sql`/* deleteRateWindowsBefore */ DELETE FROM "rate_limit" WHERE "windowStart" < ${windowStart}`);
}
