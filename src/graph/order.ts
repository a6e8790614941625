/** What the orderings below look at. */
interface Named {
  name: string;
  rowId: number;
}

/** A UTF-16 code unit with ASCII A–Z folded to a–z. */
const folded = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90 ? c + 32 : c;
};

/**
 * Compares two names as their ASCII-folded forms compare with `<` (code unit by code unit, a
 * prefix first), without building the folded strings: explanations sort thousands of items.
 */
function compareFolded(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = folded(x, i) - folded(y, i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

/** Orders like SQL's `name COLLATE NOCASE, id` (SQLite's NOCASE folds ASCII letters only). */
export function compareByName(a: Named, b: Named): number {
  return compareFolded(a.name, b.name) || a.rowId - b.rowId;
}

/** Heaviest first, then by name: the order of every list of items that explains a score. `key` gives an item's weight and entity. */
export function byWeightThenName<T>(key: (item: T) => [weight: number, named: Named]): (a: T, b: T) => number {
  return (a, b) => {
    const [weightA, namedA] = key(a);
    const [weightB, namedB] = key(b);
    return weightB - weightA || compareByName(namedA, namedB);
  };
}
