import { types as pgTypes } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { postgresDialect } from './dialect';
import { rebuildSql, type DialectFunctions, type Queryable, type Sql } from './sql';

/**
 * Running a statement on PostgreSQL. Stores build one `Sql` for every engine: its text is
 * SQLite's, and a fragment holding dialect-specific SQL remembers how it was built (src/db/sql.ts).
 * Here, at the one place a statement meets a PostgreSQL connection, it is built again with
 * `postgresDialect` and its `?` placeholders become `$1`, `$2`, … So SQLite runs its text exactly as
 * before, and no store needs to know which engine it talks to.
 */

/** Whether `db` (a DataSource or a transaction's EntityManager) talks to PostgreSQL. */
export function usesPostgres(db: Queryable): boolean {
  if (db instanceof DataSource) return db.options.type === 'postgres';
  if (db instanceof EntityManager) return db.connection.options.type === 'postgres';
  // A migration's QueryRunner: it knows its DataSource.
  const runner = db as { connection?: unknown };
  if (runner.connection instanceof DataSource) return runner.connection.options.type === 'postgres';
  return false;
}

/** The key of the advisory lock that start-up work (migrations, the first seeding) holds: any fixed number. */
const STARTUP_LOCK = 7_402_811;

/**
 * Runs `work` holding PostgreSQL's session advisory lock `STARTUP_LOCK`, on a connection kept for
 * it, so that processes starting at once over one database do their start-up writes one after the
 * other. On SQLite it just runs `work`.
 */
export async function withStartupLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (!usesPostgres(dataSource)) return work();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(${STARTUP_LOCK})`);
    try {
      return await work();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${STARTUP_LOCK})`);
    }
  } finally {
    await runner.release();
  }
}

/**
 * After a bulk write (an O*NET release: hundreds of thousands of rows in one transaction), gathers
 * PostgreSQL's planner statistics of every table inside that transaction, so the statements after
 * it (role similarity, then every query once it commits) are planned for the tables as they now
 * are rather than as they were, often empty, when autovacuum last looked, which it does only after
 * the commit and in its own time. About a second on seeds + O*NET. On SQLite it does nothing: its
 * plans are fixed by the indexes (test/list-plans.test.ts holds them to account).
 */
export async function analyzeAfterBulkWrite(db: Queryable): Promise<void> {
  if (usesPostgres(db)) await db.query('ANALYZE');
}

/** Runs `statement` on PostgreSQL and resolves with its rows (none for a write without RETURNING). */
export async function postgresQuery(db: Queryable, statement: Sql): Promise<unknown[]> {
  const built = rebuildSql(statement, postgresDialect as unknown as DialectFunctions);
  const result = await db.query(numberedPlaceholders(built.text, built.params), [...built.params]);
  // TypeORM answers an UPDATE or DELETE with [rows, affected count]; every other statement with its rows.
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0];
  return result as unknown[];
}

/** Each text cut at its placeholders: every request of a kind runs the same few texts. */
const segmentsOf = new Map<string, readonly string[]>();
const SEGMENTS_CACHE = 1024;

/**
 * The text around each `?` outside quoted strings and identifiers. The `sql` tag writes a `?` for
 * each bound value and never otherwise: no statement uses PostgreSQL's `?` JSON operators.
 */
function segments(text: string): readonly string[] {
  const known = segmentsOf.get(text);
  if (known) return known;
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '?') {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  if (segmentsOf.size >= SEGMENTS_CACHE) segmentsOf.clear();
  segmentsOf.set(text, parts);
  return parts;
}

/**
 * PostgreSQL's placeholder for a value: `$n`, typed by the value where PostgreSQL could not infer it
 * (in VALUES lists, select lists, CASE arms SQLite takes anything): whole numbers as bigint, other
 * numbers as double precision, booleans as boolean. Text and null stay untyped, so the context types them.
 */
function placeholder(n: number, value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? `$${n}::bigint` : `$${n}::double precision`;
  if (typeof value === 'bigint') return `$${n}::bigint`;
  if (typeof value === 'boolean') return `$${n}::boolean`;
  return `$${n}`;
}

/** The text with `?` → `$1`, `$2`, … in order. */
export function numberedPlaceholders(text: string, params: readonly unknown[]): string {
  const parts = segments(text);
  let out = parts[0];
  for (let i = 1; i < parts.length; i++) out += placeholder(i, params[i - 1]) + parts[i];
  return out;
}

/** PostgreSQL type ids whose values come back as SQLite's would: numbers, and JSON as its text. */
const INT8 = 20;
const NUMERIC = 1700;
const JSON_TEXT = 114;
const JSONB = 3802;

/**
 * The pg driver's value parsers, changed so rows read the same on both engines: a COUNT or SUM
 * (bigint, numeric) is a number, not a string, and JSON (json_agg, json_build_object) is text that
 * the store parses, as SQLite's JSON functions return it.
 */
export const postgresTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === INT8 || oid === NUMERIC) return Number;
    if (oid === JSON_TEXT || oid === JSONB) return (value: string) => value;
    return pgTypes.getTypeParser(oid, format);
  },
};
