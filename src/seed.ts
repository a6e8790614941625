import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DataSource } from 'typeorm';
import { datasetFiles, loadDatasetFiles } from './dataset/dataset.load';
import { countSeedReleases, recordSeedRelease } from './dataset/dataset.store';

/** The release of the seeds in a folder: SHA-256 of the files' names and contents, in name order. */
export function seedDigest(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(basename(file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/**
 * Loads the curated seeds into the database (idempotent: only what differs is written) and
 * records their release (src/dataset/seed-release.entity.ts), in one transaction.
 */
export function seed(dataSource: DataSource, seedsDir: string) {
  const files = datasetFiles(seedsDir);
  const digest = seedDigest(files);
  return loadDatasetFiles(dataSource, files, undefined, (manager) => recordSeedRelease(manager, digest, new Date().toISOString()));
}

/**
 * What `npm start` and `npm run migrate` do before serving: load the seeds if the database has
 * never taken in a release of them, whatever ran before (an O*NET import into a new database
 * included), and say so. A database that took in one keeps what curators made of it; `npm run
 * seed` loads a newer release on purpose. Returns whether it seeded.
 */
export async function seedUnlessSeeded(dataSource: DataSource, seedsDir: string, log: (line: string) => void): Promise<boolean> {
  if ((await countSeedReleases(dataSource)) > 0) return false;
  const { after } = await seed(dataSource, seedsDir);
  log(`Loaded the curated seeds: ${after.role} roles, ${after.skill} skills and ${after.tool} tools in the database.`);
  return true;
}
