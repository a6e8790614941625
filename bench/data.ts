import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDatasetFile } from '../src/dataset/dataset.import';
import { validateDataset } from '../src/dataset/dataset.validate';
import { openDatabase } from '../src/database';
import { importOnet } from '../src/onet/onet.import';
import { seed } from '../src/seed';
import { projectRoot } from '../src/shared/project-root';
import { generateSynthetic, SYNTHETIC_VERSION, type SyntheticPicks } from './synthetic';

export const DATA_DIR = join(projectRoot(), 'bench', '.data');
export const ONET_DIR = join(projectRoot(), '..', 'shared', 'datasets', 'onet-29.3');

/**
 * What a cached database depends on: the schema, the import engine and the mappings. A change to
 * any of them rebuilds the file; a change to the query path does not.
 */
function sourceHash(extra: string): string {
  const hash = createHash('sha256').update(extra);
  // The weights and the citations they count live in graph/ and model/.
  for (const dir of ['migrations', 'import', 'dataset', 'onet', 'model', 'graph']) {
    const abs = join(projectRoot(), 'src', dir);
    // Recursive: src/migrations/ holds PostgreSQL's migrations in a folder of their own.
    const files = readdirSync(abs, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    for (const file of files.map((entry) => join(entry.parentPath, entry.name)).sort()) {
      hash.update(file.slice(abs.length)).update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 12);
}

/** Builds `name`'s database once (into a temporary file, renamed when complete) and returns its path. */
async function cached(name: string, key: string, build: (path: string) => Promise<void>, log: (line: string) => void): Promise<string> {
  mkdirSync(DATA_DIR, { recursive: true });
  const file = join(DATA_DIR, `${name}-${sourceHash(key)}.sqlite`);
  if (existsSync(file)) return file;
  for (const old of readdirSync(DATA_DIR).filter((f) => f.startsWith(`${name}-`))) rmSync(join(DATA_DIR, old), { force: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const started = performance.now();
  log(`building ${name} database (cached under bench/.data/ for the next run)…`);
  await build(partial);
  for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, { force: true });
  renameSync(partial, file);
  log(`  ${name} built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return file;
}

/** Seeds + O*NET 29.3, imported with the O*NET importer. */
export function onetDatabase(log: (line: string) => void): Promise<string> {
  return cached(
    'onet',
    ONET_DIR,
    async (path) => {
      const dataSource = await openDatabase({ databasePath: path, dbLogging: false });
      await seed(dataSource, join(projectRoot(), 'seeds'));
      await importOnet(dataSource, ONET_DIR);
      await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
      await dataSource.destroy();
    },
    log,
  );
}

/** The synthetic dataset, validated, written as an interchange file and imported like any other. */
export async function syntheticDatabase(log: (line: string) => void): Promise<{ path: string; picks: SyntheticPicks }> {
  const { dataset, picks } = generateSynthetic();
  const path = await cached(
    'synthetic',
    `synthetic-v${SYNTHETIC_VERSION}`,
    async (dbPath) => {
      const problems = validateDataset(dataset, 'synthetic.json');
      if (problems.length) throw new Error(`the synthetic dataset is invalid: ${JSON.stringify(problems.slice(0, 5))}`);
      const file = join(DATA_DIR, 'synthetic.json');
      writeFileSync(file, JSON.stringify(dataset));
      const dataSource = await openDatabase({ databasePath: dbPath, dbLogging: false });
      await importDatasetFile(dataSource, file);
      await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
      await dataSource.destroy();
    },
    log,
  );
  return { path, picks };
}
