import { int, join, real, sql, type Sql, type SqlValue } from './sql';

/**
 * The SQL that differs between database engines, behind one seam. Stores build everything else
 * with the `sql` tag in standard SQL and call these for the rest, so a second engine (PostgreSQL is
 * planned) is one more implementation of `Dialect` rather than an edit to every store.
 *
 * Each piece is a fragment built with the tag: values are bound, never pasted.
 */
export interface Dialect {
  /**
   * A FROM item over a JSON array expression, aliased `alias`, with one row per element in the
   * column `value` (SQLite's `json_each` also exposes the index as `key`).
   */
  jsonArrayTable(array: Sql, alias: Sql): Sql;
  /**
   * A SELECT of the values, bound as one JSON array parameter: one column, `value`. It stands for
   * an IN list of any length in one parameter, so a statement's text does not vary with the data.
   */
  jsonArrayValues(values: readonly SqlValue[]): Sql;
  /**
   * A SELECT of tuples bound as one JSON parameter: one row per tuple with its `width` items as
   * columns, then, with `withIndex`, its 0-based position. Name the columns in the CTE that uses it.
   */
  jsonTupleRows(tuples: readonly (readonly SqlValue[])[], width: number, withIndex?: boolean): Sql;
  /** A JSON array of the values, as text. */
  jsonArray(values: readonly Sql[]): Sql;
  /** The aggregate that collects a group's values into a JSON array, as text. */
  jsonGroupArray(value: Sql): Sql;
  /** A JSON object of the named values, as text. */
  jsonObject(entries: readonly (readonly [string, Sql])[]): Sql;
  /** The smaller of two values (the scalar, not the aggregate). */
  least(a: Sql, b: Sql): Sql;
  /** The expression compared case-insensitively, for ORDER BY (ASCII letters fold; see src/graph/order.ts). */
  nocase(expr: Sql): Sql;
  /** A full-text condition: the index `table` matches the full-text query (bound). */
  ftsMatch(table: Sql, query: string): Sql;
  /** Full-text relevance of the matched row, lower is better, with a weight per indexed column. */
  ftsRank(table: Sql, weights: readonly number[]): Sql;
  /** The whole of one indexed column with each match wrapped in `open` … `close`. */
  ftsHighlight(table: Sql, column: number, open: string, close: string): Sql;
  /**
   * An excerpt of about `tokens` words around the matches of one indexed column (-1: the best
   * column), matches wrapped in `open` … `close`, cuts marked with `ellipsis`.
   */
  ftsSnippet(table: Sql, column: number, open: string, close: string, ellipsis: string, tokens: number): Sql;
}

/** SQLite (with JSON1 and FTS5, both built into the sqlite3 package). */
export const sqliteDialect: Dialect = {
  jsonArrayTable: (array, alias) => sql`json_each(${array}) ${alias}`,
  jsonArrayValues: (values) => sql`SELECT value FROM json_each(${JSON.stringify(values)})`,
  jsonTupleRows(tuples, width, withIndex = false) {
    const items = Array.from({ length: width }, (_, i) => sql`json_extract(value, ${`$[${i}]`})`);
    if (withIndex) items.push(sql`CAST(key AS INTEGER)`);
    return sql`SELECT ${join(items)} FROM json_each(${JSON.stringify(tuples)})`;
  },
  jsonArray: (values) => sql`json_array(${join(values)})`,
  jsonGroupArray: (value) => sql`json_group_array(${value})`,
  jsonObject: (entries) => sql`json_object(${join(entries.map(([key, value]) => sql`${key}, ${value}`))})`,
  least: (a, b) => sql`MIN(${a}, ${b})`,
  nocase: (expr) => sql`${expr} COLLATE NOCASE`,
  ftsMatch: (table, query) => sql`${table} MATCH ${query}`,
  ftsRank: (table, weights) => sql`bm25(${join([table, ...weights.map(real)])})`,
  ftsHighlight: (table, column, open, close) => sql`highlight(${table}, ${int(column)}, ${open}, ${close})`,
  ftsSnippet: (table, column, open, close, ellipsis, tokens) =>
    sql`snippet(${table}, ${int(column)}, ${open}, ${close}, ${ellipsis}, ${int(tokens)})`,
};

/** The dialect every store writes in; the only one so far. */
export const dialect: Dialect = sqliteDialect;

export const {
  jsonArrayTable,
  jsonArrayValues,
  jsonTupleRows,
  jsonArray,
  jsonGroupArray,
  jsonObject,
  least,
  nocase,
  ftsMatch,
  ftsRank,
  ftsHighlight,
  ftsSnippet,
} = dialect;
