import type { DataSource } from 'typeorm';

/** What `GET /readyz` answers: ready, or why not. */
export interface Readiness {
  ready: boolean;
  checks: { database: 'ok' | 'unreachable'; migrations: 'current' | 'pending' | 'unknown'; server: 'serving' | 'stopping' };
}

/**
 * Whether this process should get traffic: it is not shutting down, the database answers, and no
 * committed migration is waiting to run. TypeORM's `showMigrations` reads the migrations table
 * (a handful of rows) and compares it with the compiled migrations, so the one cheap statement
 * proves both that the database is reachable and that its schema is current.
 */
export async function readiness(dataSource: DataSource, stopping: boolean): Promise<Readiness> {
  const server = stopping ? 'stopping' : 'serving';
  try {
    if (!dataSource.isInitialized) throw new Error('the database is closed');
    const pending = await dataSource.showMigrations();
    return { ready: !stopping && !pending, checks: { database: 'ok', migrations: pending ? 'pending' : 'current', server } };
  } catch {
    return { ready: false, checks: { database: 'unreachable', migrations: 'unknown', server } };
  }
}
