import type { DataSource } from 'typeorm';
import { datasetFiles, loadDatasetFiles } from './dataset/dataset.load';
import { countRows } from './import/import.store';

/** Loads the curated seeds into the database (idempotent: only what differs is written). */
export function seed(dataSource: DataSource, seedsDir: string) {
  return loadDatasetFiles(dataSource, datasetFiles(seedsDir));
}

/** True when the database holds no roles yet, as on a first start. */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  return (await countRows(dataSource, 'role')) === 0;
}

/**
 * What `npm start` does before serving: loads the seeds if the database has no roles yet, and says
 * so. Returns whether it seeded.
 */
export async function seedIfEmpty(dataSource: DataSource, seedsDir: string, log: (line: string) => void): Promise<boolean> {
  if (!(await isEmpty(dataSource))) return false;
  const { after } = await seed(dataSource, seedsDir);
  log(`Seeded an empty database with ${after.role} roles, ${after.skill} skills and ${after.tool} tools.`);
  return true;
}
