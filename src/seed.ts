import type { DataSource } from 'typeorm';
import { datasetFiles, loadDatasetFiles } from './dataset/dataset.load';

/** Loads the curated seeds into the database (idempotent: an upsert by slug). */
export function seed(dataSource: DataSource, seedsDir: string) {
  return loadDatasetFiles(dataSource, datasetFiles(seedsDir));
}

/** True when the database holds no roles yet, as on a first start. */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query(`SELECT COUNT(*) AS n FROM "role"`);
  return Number(row.n) === 0;
}
