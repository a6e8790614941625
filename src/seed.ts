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
