import type { DataSource } from 'typeorm';
import { writeDataset } from '../../src/dataset/dataset.mapping';
import type { Dataset } from '../../src/dataset/dataset.format';
import { multiplyDataset, readSeedDataset } from './datasets';
import { useServedDatabase, type Counted, type ServedDatabase } from './served-database';
import { emptyDatabase, seededDatabase } from './test-database';

/** How many copies of the seeds the large database holds: the suites' names say "ten times larger". */
export const LARGE_COPIES = 10;

/** The seeds copied LARGE_COPIES times, each copy linked only within itself. */
export function largeDataset(): Dataset {
  return multiplyDataset(readSeedDataset(), LARGE_COPIES);
}

/** Writes the large dataset into a migrated, empty database. */
export async function writeLargeDataset(dataSource: DataSource): Promise<void> {
  await dataSource.transaction((manager) => writeDataset(manager, largeDataset()));
}

/** The same query's results on the seeds and on the large database. */
export interface OnBoth<T = any> {
  small: Counted<T>;
  big: Counted<T>;
}

/**
 * The two-size harness: the seeds and a dataset ten times larger, each served by a real server
 * for the whole describe. A statement count that is the same on both does not grow with the data.
 */
export function useTwoSizes(): {
  seeds: ServedDatabase;
  large: ServedDatabase;
  /** Runs the query on both sizes and returns both results, after checking the statement counts are equal. */
  onBoth<T = any>(query: string, variables?: Record<string, unknown>): Promise<OnBoth<T>>;
} {
  const seeds = useServedDatabase(seededDatabase);
  const large = useServedDatabase(async () => {
    const db = await emptyDatabase();
    await writeLargeDataset(db.dataSource);
    return db;
  });
  return {
    seeds,
    large,
    async onBoth(query, variables) {
      const small = await seeds.run(query, variables);
      const big = await large.run(query, variables);
      expect(big.statements).toBe(small.statements);
      return { small, big };
    },
  };
}
