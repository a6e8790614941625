import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/database';
import { seed } from '../../src/seed';
import { projectRoot } from '../../src/shared/project-root';
import { StatementCounter } from './statement-counter';

export const SEEDS_DIR = join(projectRoot(), 'seeds');

/** A fresh, migrated database in a temp file, with a statement counter attached. */
export async function emptyDatabase(): Promise<{ dataSource: DataSource; counter: StatementCounter; path: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'skill-atlas-')), 'test.sqlite');
  const counter = new StatementCounter();
  const dataSource = await openDatabase({ databasePath: path, dbLogging: false }, counter);
  return { dataSource, counter, path };
}

/** A fresh database holding the curated seeds. */
export async function seededDatabase() {
  const db = await emptyDatabase();
  await seed(db.dataSource, SEEDS_DIR);
  return db;
}
