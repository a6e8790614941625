import { FTS_COLUMNS, ftsPhrases, parseFtsQuery, type FtsColumn } from './fts-query';
import { decimal, dialectCall, int, join, registryIdent, sql, type Sql, type SqlValue } from './sql';

/**
 * The SQL that differs between database engines, behind one seam. Stores build everything else
 * with the `sql` tag in standard SQL and call these for the rest, so a second engine is one more
 * implementation of `Dialect` rather than an edit to every store.
 *
 * Stores call the functions exported at the bottom, which build SQLite's SQL (what SQLite runs, as
 * it is) and mark the fragment with the call; a statement that reaches PostgreSQL is built again
 * from those marks with `postgresDialect` (src/db/postgres.ts). So a store never asks which engine
 * it talks to, and the SQLite path does no work for PostgreSQL's sake.
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
   * PostgreSQL types the column by the values; `whenEmpty` says its type when there are none
   * (by default integer: ids).
   */
  jsonArrayValues(values: readonly SqlValue[], whenEmpty?: 'integer' | 'text'): Sql;
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
  /** `value` contains the LIKE `pattern` (escaped with `\\`), ASCII letters compared case-insensitively. */
  likeNocase(value: Sql, pattern: string): Sql;
  /**
   * A VALUES list as a subquery whose columns, `column1` … `columnN`, have the types of `columns` of
   * `table` (PostgreSQL types a VALUES column of placeholders or NULLs as text otherwise).
   */
  typedValues(table: Sql, columns: readonly string[], rows: Sql): Sql;
  /**
   * A SELECT of rows for `columns` of `table`, bound as one JSON parameter, each column of that
   * column's type: the source of an INSERT or of a CTE that an UPDATE reads (name the columns there).
   */
  jsonTableRows(table: Sql, columns: readonly string[], tuples: readonly (readonly SqlValue[])[]): Sql;
  /** A decimal constant from source code, of the engine's 8-byte float type (SQLite's REAL, PostgreSQL's double precision). */
  real(value: number): Sql;
  /** The smaller of two values (the scalar, not the aggregate). */
  least(a: Sql, b: Sql): Sql;
  /** The expression compared case-insensitively, for ORDER BY (ASCII letters fold; see src/graph/order.ts). */
  nocase(expr: Sql): Sql;
  /** A full-text condition: the index `table` matches the full-text query (bound). */
  ftsMatch(table: Sql, query: string): Sql;
  /**
   * Full-text relevance (bm25) of a row matched by `query`, lower is better, with a weight per
   * indexed column. The query is the one the row was matched by (FTS5 knows it from the MATCH).
   */
  ftsRank(table: Sql, query: string, weights: readonly number[]): Sql;
  /** The whole of one indexed column with each match of `query` wrapped in `open` … `close`. */
  ftsHighlight(table: Sql, query: string, column: number, open: string, close: string): Sql;
  /**
   * An excerpt of about `tokens` words around the matches of `query` in one indexed column (-1: the
   * best column), matches wrapped in `open` … `close`, cuts marked with `ellipsis`.
   */
  ftsSnippet(table: Sql, query: string, column: number, open: string, close: string, ellipsis: string, tokens: number): Sql;
  /**
   * A join that keeps the order written, left table first (SQLite's CROSS JOIN, which its planner
   * never reorders); other engines plan it as an inner join.
   */
  orderedJoin(): Sql;
  /** The number rounded to `digits` decimals, as an 8-byte float. */
  roundTo(value: Sql, digits: number): Sql;
  /**
   * The join target `rows l ON condition` for a condition that reads the outer row (a parent's page
   * of link ids). PostgreSQL plans such a condition as a filter over every row, so it gets a
   * LATERAL subquery that runs the condition once per outer row and seeks its ids.
   */
  correlatedRows(rows: Sql, condition: Sql): Sql;
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
  likeNocase: (value, pattern) => sql`${value} LIKE ${pattern} ESCAPE '\\'`,
  typedValues: (_table, _columns, rows) => sql`(VALUES ${rows})`,
  jsonTableRows: (_table, columns, tuples) => sqliteDialect.jsonTupleRows(tuples, columns.length),
  real: decimal,
  least: (a, b) => sql`MIN(${a}, ${b})`,
  nocase: (expr) => sql`${expr} COLLATE NOCASE`,
  ftsMatch: (table, query) => sql`${table} MATCH ${query}`,
  ftsRank: (table, _query, weights) => sql`bm25(${join([table, ...weights.map(decimal)])})`,
  ftsHighlight: (table, _query, column, open, close) => sql`highlight(${table}, ${int(column)}, ${open}, ${close})`,
  ftsSnippet: (table, _query, column, open, close, ellipsis, tokens) =>
    sql`snippet(${table}, ${int(column)}, ${open}, ${close}, ${ellipsis}, ${int(tokens)})`,
  orderedJoin: () => sql`CROSS JOIN`,
  roundTo: (value, digits) => sql`round(${value}, ${int(digits)})`,
  correlatedRows: (rows, condition) => sql`${rows} l ON ${condition}`,
};

/** The PostgreSQL type of a JSON parameter's values, from the values themselves: ids, names or weights. */
function pgType(values: readonly SqlValue[], whenEmpty: 'integer' | 'text' = 'integer'): Sql {
  const known = values.filter((v) => v !== null);
  if (known.length === 0) return whenEmpty === 'text' ? sql`text` : sql`bigint`;
  if (known.every((v) => typeof v === 'number' && Number.isInteger(v)) || known.every((v) => typeof v === 'bigint')) {
    return sql`bigint`;
  }
  if (known.every((v) => typeof v === 'number')) return sql`double precision`;
  if (known.every((v) => typeof v === 'boolean')) return sql`boolean`;
  return sql`text`;
}

/** The weight letter of each indexed column in PostgreSQL's tsvector. */
const WEIGHT_LABEL: Record<FtsColumn, string> = { name: 'A', aliases: 'B', body: 'C' };

/** An indexed column by position, as FTS5 numbers them. */
function indexColumn(position: number): Sql {
  const name = FTS_COLUMNS[position];
  if (!name) throw new Error(`No indexed column ${position}`);
  return registryIdent(name);
}

/** A PostgreSQL array literal of texts, to bind as one parameter (`::text[]`). */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

const postgresReal = (value: number) => sql`${decimal(value)}::double precision`;

/**
 * PostgreSQL 13 or later, in a database whose text compares byte by byte where it matters: names
 * are ordered by `lower(name) COLLATE "C"`, which folds ASCII letters only, as SQLite's NOCASE does.
 * JSON comes back as text (src/db/postgres-types.ts), as SQLite's JSON functions return it.
 */
export const postgresDialect: Dialect = {
  jsonArrayTable: (array, alias) => sql`jsonb_array_elements_text((${array})::jsonb) ${alias}("value")`,
  jsonArrayValues: (values, whenEmpty) =>
    sql`SELECT "value"::${pgType(values, whenEmpty)} AS "value" FROM jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) AS t("value")`,
  jsonTupleRows(tuples, width, withIndex = false) {
    const items = Array.from({ length: width }, (_, i) => sql`(t."e" ->> ${int(i)})::${pgType(tuples.map((tuple) => tuple[i]))}`);
    if (withIndex) items.push(sql`(t."n" - 1)::integer`);
    return sql`SELECT ${join(items)} FROM jsonb_array_elements(${JSON.stringify(tuples)}::jsonb) WITH ORDINALITY AS t("e", "n")`;
  },
  jsonArray: (values) => sql`json_build_array(${join(values)})`,
  jsonGroupArray: (value) => sql`COALESCE(json_agg(${value}), '[]'::json)`,
  jsonObject: (entries) => sql`json_build_object(${join(entries.map(([key, value]) => sql`${key}::text, ${value}`))})`,
  likeNocase: (value, pattern) => sql`${value} ILIKE ${pattern} ESCAPE '\\'`,
  // A first row of NULLs, each typed by a scalar subquery on its column, types every column of the
  // VALUES list (the rows after it follow its types); the outer WHERE drops it again.
  typedValues: (table, columns, rows) =>
    sql`(SELECT * FROM (VALUES (${join(columns.map((c) => sql`(SELECT ${registryIdent(c)} FROM ${table} WHERE FALSE)`))}), ${rows}) AS typed WHERE "column1" IS NOT NULL)`,
  // The rows as JSON objects read into the table's own row type: every column typed as stored.
  jsonTableRows: (table, columns, tuples) =>
    sql`SELECT ${join(columns.map((c) => registryIdent(c)))} FROM jsonb_populate_recordset(NULL::${table}, ${JSON.stringify(
      tuples.map((tuple) => Object.fromEntries(columns.map((c, i) => [c, tuple[i]]))),
    )}::jsonb)`,
  real: postgresReal,
  least: (a, b) => sql`LEAST(${a}, ${b})`,
  nocase: (expr) => sql`lower(${expr}) COLLATE "C"`,
  // Full text: the index of src/migrations/postgres/1764700000000-postgres-search-index.ts, whose
  // functions compute bm25, highlight() and snippet() as FTS5 does; the query is FTS5's, read back.
  ftsMatch(table, query) {
    const parsed = parseFtsQuery(query);
    if (parsed.start) {
      if (parsed.columns?.join() !== 'name') throw new Error(`Only the name can be asked to start with words: ${query}`);
      const words = parsed.start.join(' ');
      return sql`(${table}."name_words" = ${words} OR ${table}."name_words" LIKE ${`${words} %`})`;
    }
    const labels = (parsed.columns ?? []).map((c) => WEIGHT_LABEL[c]).join('');
    const lexeme = (term: string, prefix: boolean) =>
      `'${term.replace(/['\\]/g, (c) => `\\${c}`)}'${prefix || labels ? ':' : ''}${prefix ? '*' : ''}${labels}`;
    const tsquery = parsed.groups.map((group) => `(${group.map((t) => lexeme(t.term, t.prefix)).join(' | ')})`).join(' & ');
    return sql`${table}."doc" @@ ${tsquery}::tsquery`;
  },
  ftsRank(table, query, weights) {
    const phrases = textArray(ftsPhrases(parseFtsQuery(query)));
    return sql`search_bm25(${table}."doc", ${table}."size", ${phrases}::text[], (SELECT search_idf(${phrases}::text[])),
      (SELECT "tokens"::double precision / NULLIF("rows", 0) FROM "search_totals"), ARRAY[${join(weights.map(postgresReal))}])`;
  },
  ftsHighlight: (table, query, column, open, close) =>
    sql`search_highlight(${table}.${indexColumn(column)}, ${textArray(ftsPhrases(parseFtsQuery(query)))}::text[], ${open}, ${close})`,
  ftsSnippet: (table, query, column, open, close, ellipsis, tokens) =>
    sql`search_snippet(ARRAY[${table}."name", ${table}."aliases", ${table}."body"], ${int(column)}, ${textArray(
      ftsPhrases(parseFtsQuery(query)),
    )}::text[], ${open}, ${close}, ${ellipsis}, ${int(tokens)})`,
  orderedJoin: () => sql`JOIN`,
  roundTo: (value, digits) => sql`round((${value})::numeric, ${int(digits)})::double precision`,
  correlatedRows: (rows, condition) => sql`LATERAL (SELECT l.* FROM ${rows} l WHERE ${condition}) l ON TRUE`,
};

/** Each function of `impl`, its fragments marked with the call so that PostgreSQL can build them again. */
function marked(impl: Dialect): Dialect {
  return Object.fromEntries(
    Object.entries(impl).map(([name, build]: [string, (...args: unknown[]) => Sql]) => [
      name,
      (...args: unknown[]) => dialectCall(build(...args), name, args),
    ]),
  ) as unknown as Dialect;
}

/** The dialect every store writes in: SQLite's SQL, marked so it can be built again for PostgreSQL. */
export const dialect: Dialect = marked(sqliteDialect);

export const {
  jsonArrayTable,
  jsonArrayValues,
  jsonTupleRows,
  jsonArray,
  jsonGroupArray,
  jsonObject,
  likeNocase,
  typedValues,
  jsonTableRows,
  least,
  nocase,
  ftsMatch,
  ftsRank,
  ftsHighlight,
  ftsSnippet,
  orderedJoin,
  roundTo,
  correlatedRows,
} = dialect;
