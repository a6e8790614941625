import type { DataSource } from 'typeorm';
import type { Config } from '../../src/config';
import type { ServeOptions } from '../../src/server';
import type { StatementCounter } from './statement-counter';
import { seededDatabase } from './test-database';
import { TestServer } from './test-server';

/** A query's data, and how many SQL statements answering it ran. */
export interface Counted<T = any> {
  data: T;
  statements: number;
}

/** A database, its statement counter and a real server over it, shared by the tests of a describe. */
export interface ServedDatabase {
  readonly dataSource: DataSource;
  readonly counter: StatementCounter;
  readonly server: TestServer;
  /** Runs a query (failing the test on GraphQL errors) and counts the statements it ran. */
  run<T = any>(query: string, variables?: Record<string, unknown>): Promise<Counted<T>>;
}

/** Counts the statements one query runs on a database that has a server over it. */
export async function countStatements<T = any>(
  db: { counter: StatementCounter; server: TestServer },
  query: string,
  variables?: Record<string, unknown>,
): Promise<Counted<T>> {
  let data: T | undefined;
  const statements = await db.counter.during(async () => {
    data = await db.server.data<T>(query, variables);
  });
  return { data: data as T, statements: statements.length };
}

/**
 * Opens a database with `open` and starts a real server over it in beforeAll (configured from the
 * environment, with `settings` on top); stops and closes both in afterAll. Call it at the top of a
 * describe; read its fields inside tests.
 */
export function useServedDatabase(
  open: () => Promise<{ dataSource: DataSource; counter: StatementCounter }>,
  timeout?: number,
  settings: Partial<Config> = {},
  options?: ServeOptions,
): ServedDatabase {
  let running: { dataSource: DataSource; counter: StatementCounter; server: TestServer } | undefined;
  beforeAll(async () => {
    const { dataSource, counter } = await open();
    running = { dataSource, counter, server: await TestServer.start(dataSource, settings, options) };
  }, timeout);
  afterAll(async () => {
    await running?.server.stop();
    await running?.dataSource.destroy();
  });
  const started = () => {
    if (!running) throw new Error('useServedDatabase(): the server starts in beforeAll; use it inside a test.');
    return running;
  };
  return {
    get dataSource() {
      return started().dataSource;
    },
    get counter() {
      return started().counter;
    },
    get server() {
      return started().server;
    },
    run: (query, variables) => countStatements(started(), query, variables),
  };
}

/** One seeded database and one real server shared by every test of a describe. */
export function useSeededServer(settings: Partial<Config> = {}): ServedDatabase {
  return useServedDatabase(seededDatabase, undefined, settings);
}
