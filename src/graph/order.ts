/** What the orderings below look at. */
interface Named {
  name: string;
  rowId: number;
}

const foldAscii = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Orders like SQL's `name COLLATE NOCASE, id` (SQLite's NOCASE folds ASCII letters only). */
export function compareByName(a: Named, b: Named): number {
  const x = foldAscii(a.name);
  const y = foldAscii(b.name);
  return x < y ? -1 : x > y ? 1 : a.rowId - b.rowId;
}

/** Heaviest first, then by name: the order of every list of items that explains a score. `key` gives an item's weight and entity. */
export function byWeightThenName<T>(key: (item: T) => [weight: number, named: Named]): (a: T, b: T) => number {
  return (a, b) => {
    const [weightA, namedA] = key(a);
    const [weightB, namedB] = key(b);
    return weightB - weightA || compareByName(namedA, namedB);
  };
}
