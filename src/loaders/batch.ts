import DataLoader from 'dataloader';

/**
 * DataLoader's contract in one place: the batch function's rows are matched back to the keys,
 * in key order, with `missing` for keys that found nothing.
 */
export function keyedLoader<K, V, R>(
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
  collect: (rows: R[]) => V,
  missing: () => V,
): DataLoader<K, V> {
  return new DataLoader<K, V>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<K, R[]>();
      for (const row of rows) {
        const key = keyOf(row);
        const list = byKey.get(key);
        if (list) list.push(row);
        else byKey.set(key, [row]);
      }
      return keys.map((key) => {
        const list = byKey.get(key);
        return list ? collect(list) : missing();
      });
    },
    // No maxBatchSize: every store takes its keys as one JSON parameter, so a level of any size is
    // one statement (a split would make the statement count grow with the data).
  );
}

/** A loader returning one row (or null) per key. */
export function oneLoader<K, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R | null> {
  return keyedLoader(
    fetch,
    keyOf,
    (rows) => rows[0],
    () => null,
  );
}

/** A loader returning every row per key (an empty list for none). */
export function manyLoader<K, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R[]> {
  return keyedLoader(
    fetch,
    keyOf,
    (rows) => rows,
    () => [],
  );
}
