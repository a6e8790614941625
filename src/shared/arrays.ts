/**
 * Appends every item of `items` to `target`. `target.push(...items)` passes each item as an
 * argument, and past about 120,000 of them (a table's citations, a broken file's problems) V8
 * throws "Maximum call stack size exceeded".
 */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
