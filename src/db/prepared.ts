import type { Database, Statement } from 'sqlite3';
import { DataSource, QueryFailedError } from 'typeorm';

/**
 * Prepared statements kept per SQLite connection, so a read that runs again (every request of a
 * kind runs the same statement texts, with other parameters) skips parsing and planning it: for
 * the longer statements (search, relation pages) that is most of their cost. TypeORM's
 * `DataSource.query` prepares every statement anew, so reads of a DataSource run here instead;
 * writes, and anything inside a transaction, still go through TypeORM.
 *
 * Each statement is logged to the DataSource's logger as TypeORM would (the statement-count tests
 * read it), and a failure becomes TypeORM's QueryFailedError. The cache holds the most recently used
 * statements; closing the connection finalizes them first, since SQLite will not close a
 * connection with live statements.
 */
const CACHE_SIZE = 256;
/** How long an evicted statement lives on, for the requests that took it just before. */
const RETIRE_MS = 30_000;
/** Each connection's statements by text; a statement is cached as soon as its preparing starts. */
const caches = new WeakMap<Database, Map<string, Promise<Statement>>>();
/** Each connection's evicted statements, not yet finalized. */
const retired = new WeakMap<Database, Set<Promise<Statement>>>();

/** The SQLite connection of `db` when its reads can use the cache: a DataSource over sqlite3. */
function connectionOf(db: unknown): Database | undefined {
  if (!(db instanceof DataSource) || db.options.type !== 'sqlite' || !db.isInitialized) return undefined;
  return (db.driver as unknown as { databaseConnection?: Database }).databaseConnection;
}

const finalize = (statement: Promise<Statement>): Promise<void> =>
  statement.then(
    (s) => new Promise<void>((done) => s.finalize(() => done())),
    () => undefined,
  );

function cacheOf(connection: Database): Map<string, Promise<Statement>> {
  let cache = caches.get(connection);
  if (!cache) {
    const statements = new Map<string, Promise<Statement>>();
    const evicted = new Set<Promise<Statement>>();
    caches.set(connection, statements);
    retired.set(connection, evicted);
    const close = connection.close.bind(connection);
    connection.close = ((callback?: (err: Error | null) => void) => {
      const open = [...statements.values(), ...evicted];
      statements.clear();
      evicted.clear();
      void Promise.all(open.map(finalize)).then(() => close(callback));
      return connection;
    }) as Database['close'];
    cache = statements;
  }
  return cache;
}

/** Prepares `text` on the connection; a statement that fails to prepare rejects, with SQLite's error. */
function prepare(connection: Database, text: string): Promise<Statement> {
  return new Promise((resolve, reject) => {
    const statement = connection.prepare(text, (err: Error | null) => (err ? reject(err) : resolve(statement)));
  });
}

/** A read statement (SELECT, or WITH … SELECT). */
const isRead = (text: string) => /^\s*(SELECT|WITH)\b/i.test(text);

/**
 * Runs a read through the connection's prepared statements and resolves with its rows, or returns
 * undefined when `db` cannot (not a sqlite DataSource, or not a read): the caller runs it as before.
 */
export function preparedRows(db: unknown, text: string, params: unknown[]): Promise<unknown[]> | undefined {
  if (!isRead(text)) return undefined;
  const connection = connectionOf(db);
  if (!connection) return undefined;
  const dataSource = db as DataSource;
  const cache = cacheOf(connection);
  let statement = cache.get(text);
  if (statement) {
    cache.delete(text); // re-inserted below: the Map's order is the order of last use
  } else {
    statement = prepare(connection, text);
    if (cache.size >= CACHE_SIZE) {
      const [oldest, evicted] = cache.entries().next().value as [string, Promise<Statement>];
      cache.delete(oldest);
      // A request that took it a moment ago may not have run it yet: finalize it later.
      const pending = retired.get(connection)!;
      pending.add(evicted);
      setTimeout(() => pending.delete(evicted) && void finalize(evicted), RETIRE_MS).unref();
    }
  }
  cache.set(text, statement);
  dataSource.logger.logQuery(text, params);
  const failed = (err: Error) => {
    // A statement that failed is dropped, so the next call prepares it again.
    if (cache.get(text) === statement) cache.delete(text);
    dataSource.logger.logQueryError(err, text, params);
    throw new QueryFailedError(text, params, err);
  };
  return statement.then(
    (prepared) =>
      new Promise<unknown[]>((resolve, reject) =>
        prepared.all(params, (err: Error | null, rows: unknown[]) => (err ? reject(err) : resolve(rows))),
      ).catch(failed),
    failed,
  );
}

/** How many statements `db`'s connection holds prepared (0 for anything but a sqlite DataSource). */
export function preparedCount(db: unknown): number {
  const connection = connectionOf(db);
  return connection ? (caches.get(connection)?.size ?? 0) : 0;
}
