import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../ormconfig';
import { testDatabaseUrl } from '../../src/config';
import { numberedPlaceholders } from '../../src/db/postgres';
import { openDatabase } from '../../src/database';
import { seed } from '../../src/seed';
import { projectRoot } from '../../src/shared/project-root';
import { StatementCounter } from './statement-counter';

export const SEEDS_DIR = join(projectRoot(), 'seeds');

/** The PostgreSQL server the suite runs on (TEST_DATABASE_URL), or undefined for SQLite. */
export const POSTGRES_URL = testDatabaseUrl();

/** The engine the suite runs on, for the few assertions that differ (a SQLite file's name, PostgreSQL's catalogue). */
export const ENGINE: 'sqlite' | 'postgres' = POSTGRES_URL ? 'postgres' : 'sqlite';

/** A fresh, migrated database with a statement counter attached: where it is (`path`, `config`) to open it again. */
export interface TestDatabase {
  dataSource: DataSource;
  counter: StatementCounter;
  /** The SQLite file, or the PostgreSQL database's URL. */
  path: string;
  /** What opens it again (`openDatabase(db.config)`), and the environment a command-line tool needs to find it. */
  config: DatabaseConfig;
  env: Record<string, string>;
  /** Closes the DataSource and keeps the database, for a command-line tool to open; `dataSource.destroy()` then drops it. */
  disconnect(): Promise<void>;
}

let created = 0;

/**
 * A fresh database with no tables, not even the migrations': a temp SQLite file's path, or with
 * TEST_DATABASE_URL a new database on that
 * server (`drop` drops it). An unreachable server fails the test: it never
 * falls back to SQLite.
 */
export async function blankDatabase(): Promise<Pick<TestDatabase, 'path' | 'config' | 'env'> & { drop: () => Promise<void> }> {
  if (!POSTGRES_URL) {
    const path = join(mkdtempSync(join(tmpdir(), 'skill-atlas-')), 'test.sqlite');
    return { path, config: { databasePath: path, dbLogging: false }, env: { DATABASE_PATH: path }, drop: async () => {} };
  }
  const name = `atlas_test_${process.pid}_${Date.now().toString(36)}_${++created}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const path = url.toString();
  return {
    path,
    config: { databasePath: '', databaseUrl: path, dbLogging: false },
    env: { DATABASE_URL: path },
    drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** Runs one statement on the server's own database (creating and dropping test databases). */
async function onServer(statement: string): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database, with a statement counter attached. */
export async function emptyDatabase(): Promise<TestDatabase> {
  const { drop, ...where } = await blankDatabase();
  const counter = new StatementCounter();
  const dataSource = await openDatabase(where.config, counter);
  const disconnect = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    if (dataSource.isInitialized) await disconnect();
    await drop();
  };
  return { dataSource, counter, ...where, disconnect };
}

/** A fresh database holding the curated seeds. */
export async function seededDatabase() {
  const db = await emptyDatabase();
  await seed(db.dataSource, SEEDS_DIR);
  return db;
}

/** Runs a suite's own SQL, written with `?` placeholders, on either engine (PostgreSQL numbers them). */
export function queryOn<T = any>(dataSource: DataSource, text: string, params: unknown[] = []): Promise<T[]> {
  return dataSource.query(dataSource.options.type === 'postgres' ? numberedPlaceholders(text, params) : text, params);
}
