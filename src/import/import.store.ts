import { jsonArrayValues, jsonTableRows, typedValues } from '../db/dialect';
import { join, list, registryIdent, rows, execute, sql, type Queryable, type Sql, type SqlValue } from '../db/sql';
import type { NODE_TYPES, NodeKey } from '../model/node-types';
import type { CitationSubject, LinkTable } from '../model/relations';

/**
 * Every statement the import engine runs. Tables and columns come from the model registry (node
 * and link tables, relation ends and attributes) or from the entity columns an importer's mapping
 * names; values are always bound. Each takes its rows or ids as one JSON parameter, so a write is
 * the same few statements for one row or a hundred thousand (and never meets SQLite's limit on
 * bound parameters), with one exception: see `rowSources`.
 */

/** A table the engine writes: a node type's or a link relation's. */
export type ImportTable = (typeof NODE_TYPES)[NodeKey]['table'] | LinkTable;

/** A stored row: its id and the columns asked for. */
export type StoredRow = Record<string, unknown> & { id: number };

/** One citation row. */
export interface CitationRow {
  subjectType: CitationSubject;
  subjectId: number;
  sourceId: number;
}

const q = registryIdent;
const columnList = (columns: readonly string[]) => join(columns.map((c) => q(c)));

/** Rows for `columns` of `table` as an INSERT source or a CTE body (name its columns there), bound as one JSON parameter. */
const tupleRows = (table: ImportTable | 'citation' | 'tombstone', columns: readonly string[], values: readonly (readonly unknown[])[]) =>
  jsonTableRows(q(table), columns, values as SqlValue[][]);

/** Most rows of bound values per statement: SQLite binds at most 32,766 parameters. */
const BOUND_PARAMETERS = 32_000;

/**
 * The rows as the sources of one or more statements (`VALUES …` or a SELECT, either fits an INSERT
 * or a CTE body). One JSON parameter when every value survives JSON text exactly; rows holding a
 * fractional number (an O*NET rating) are bound as values instead, as many rows per statement as
 * SQLite's parameter limit allows, because SQLite's text-to-double conversion is not exact (about
 * one value in 10,000 comes back one unit off in the last place, and a re-import would then see
 * a change that is not there).
 */
function* rowSources(table: ImportTable, columns: readonly string[], values: readonly (readonly unknown[])[]): Generator<Sql> {
  if (values.length === 0) return;
  const fractional = values.some((row) => row.some((value) => typeof value === 'number' && !Number.isInteger(value)));
  if (!fractional) {
    yield tupleRows(table, columns, values);
    return;
  }
  const perStatement = Math.max(1, Math.floor(BOUND_PARAMETERS / columns.length));
  for (let i = 0; i < values.length; i += perStatement) {
    const rows = join(values.slice(i, i + perStatement).map((row) => sql`(${list(row as SqlValue[])})`));
    yield sql`SELECT * FROM ${typedValues(q(table), columns, rows)} AS bound`;
  }
}

/** Reads rows (id first) of a table: all of them, or those whose `where.column` is one of `where.values`. */
export async function selectRows(
  db: Queryable,
  table: ImportTable,
  columns: readonly string[],
  where?: { column: string; values: readonly SqlValue[] },
): Promise<StoredRow[]> {
  const select = sql`SELECT ${columnList(['id', ...columns])} FROM ${q(table)}`;
  if (where?.values.length === 0) return [];
  // The values go in as one JSON array: one statement however many there are.
  const found = await rows<StoredRow>(db, where ? sql`${select} WHERE ${q(where.column)} IN (${jsonArrayValues(where.values)})` : select);
  for (const row of found) row.id = Number(row.id);
  return found;
}

/** Rows inserted after `afterId` (AUTOINCREMENT ids only grow, so these are the rows just written). */
export async function selectRowsAfter(
  db: Queryable,
  table: ImportTable,
  columns: readonly string[],
  afterId: number,
): Promise<StoredRow[]> {
  const found = await rows<StoredRow>(db, sql`SELECT ${columnList(['id', ...columns])} FROM ${q(table)} WHERE "id" > ${afterId}`);
  for (const row of found) row.id = Number(row.id);
  return found;
}

/** The highest row id of a table, 0 when it is empty. */
export async function maxId(db: Queryable, table: ImportTable): Promise<number> {
  const [row] = await rows<{ max: number }>(db, sql`SELECT COALESCE(MAX("id"), 0) AS "max" FROM ${q(table)}`);
  return Number(row.max);
}

/** Inserts rows of values for `columns`, in order (so AUTOINCREMENT ids follow it), in one statement (see `rowSources`). */
export async function insertRows(
  db: Queryable,
  table: ImportTable,
  columns: readonly string[],
  values: readonly (readonly unknown[])[],
): Promise<void> {
  for (const source of rowSources(table, columns, values))
    await execute(db, sql`INSERT INTO ${q(table)} (${columnList(columns)}) ${source}`);
}

/**
 * Updates rows by id: each row is [id, ...values of `columns`], in one statement (see `rowSources`). With `revise`,
 * each row's `revision` grows by one (a node table's optimistic-concurrency counter).
 */
export async function updateRows(
  db: Queryable,
  table: ImportTable,
  columns: readonly string[],
  values: readonly (readonly unknown[])[],
  options: { revise?: boolean } = {},
): Promise<void> {
  if (columns.length === 0) return;
  const names = ['id', ...columns].map((_, i) => q(`column${i + 1}`));
  const assignments = columns.map((c, i) => sql`${q(c)} = v.${names[i + 1]}`);
  const set = join(options.revise ? [...assignments, sql`"revision" = ${q(table)}."revision" + 1`] : assignments);
  for (const source of rowSources(table, ['id', ...columns], values)) {
    await execute(
      db,
      sql`WITH v (${join(names)}) AS (${source}) UPDATE ${q(table)} SET ${set} FROM v WHERE ${q(table)}."id" = v."column1"`,
    );
  }
}

/** Sets `column` to null (and grows `revision`) on the rows whose `column` is one of `ids`; returns their ids. */
export async function clearReferences(db: Queryable, table: ImportTable, column: string, ids: readonly number[]): Promise<number[]> {
  const found = await selectRows(db, table, [], { column, values: ids });
  const cleared = found.map((row) => row.id);
  if (cleared.length) {
    await execute(
      db,
      sql`UPDATE ${q(table)} SET ${q(column)} = NULL, "revision" = "revision" + 1 WHERE "id" IN (${jsonArrayValues(cleared)})`,
    );
  }
  return cleared;
}

/** Deletes rows by id, in one statement. */
export async function deleteRows(db: Queryable, table: ImportTable, ids: readonly number[]): Promise<void> {
  if (ids.length) await execute(db, sql`DELETE FROM ${q(table)} WHERE "id" IN (${jsonArrayValues(ids)})`);
}

/** Every citation in the database, or those of the subjects `of` names. */
export async function selectCitations(db: Queryable, of?: { subject: CitationSubject; ids: readonly number[] }): Promise<CitationRow[]> {
  const select = sql`SELECT "subjectType", "subjectId", "sourceId" FROM "citation"`;
  const found = await rows<CitationRow>(
    db,
    of ? sql`${select} WHERE "subjectType" = ${of.subject} AND "subjectId" IN (${jsonArrayValues(of.ids)})` : select,
  );
  return found.map((row) => ({ subjectType: row.subjectType, subjectId: Number(row.subjectId), sourceId: Number(row.sourceId) }));
}

const citationTuples = (citations: readonly CitationRow[]) =>
  tupleRows(
    'citation',
    ['subjectType', 'subjectId', 'sourceId'],
    citations.map((c) => [c.subjectType, c.subjectId, c.sourceId]),
  );

/** Inserts citation rows, in one statement. */
export async function insertCitations(db: Queryable, citations: readonly CitationRow[]): Promise<void> {
  if (citations.length === 0) return;
  await execute(db, sql`INSERT INTO "citation" ("subjectType", "subjectId", "sourceId") ${citationTuples(citations)}`);
}

/** Deletes citation rows, in one statement. */
export async function deleteCitations(db: Queryable, citations: readonly CitationRow[]): Promise<void> {
  if (citations.length === 0) return;
  await execute(db, sql`DELETE FROM "citation" WHERE ("subjectType", "subjectId", "sourceId") IN (${citationTuples(citations)})`);
}

/** Every slug of a node table, or those of `among` it holds. */
export async function selectSlugs(db: Queryable, table: ImportTable, among?: readonly string[]): Promise<string[]> {
  const select = sql`SELECT "slug" FROM ${q(table)}`;
  if (among?.length === 0) return [];
  const found = await rows<{ slug: string }>(db, among ? sql`${select} WHERE "slug" IN (${jsonArrayValues(among, 'text')})` : select);
  return found.map((row) => row.slug);
}

/** Each external code a role holds (O*NET-SOC), or each of `among`, with the slug of the role that holds it. */
export async function selectRoleExternalCodes(db: Queryable, among?: readonly string[]): Promise<Map<string, string>> {
  if (among?.length === 0) return new Map();
  const found = await rows<{ slug: string; externalCode: string }>(
    db,
    among
      ? sql`SELECT "slug", "externalCode" FROM "role" WHERE "externalCode" IN (${jsonArrayValues(among, 'text')})`
      : sql`SELECT "slug", "externalCode" FROM "role" WHERE "externalCode" IS NOT NULL`,
  );
  return new Map(found.map((row) => [row.externalCode, row.slug]));
}

/** The number of rows of a table. */
export async function countRows(db: Queryable, table: ImportTable | 'citation'): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`SELECT COUNT(*) AS "n" FROM ${q(table)}`);
  return Number(row.n);
}

/** The pairs of a link table that curators removed (src/import/retraction.entity.ts), as `from:to`. */
export async function selectRetractions(db: Queryable, table: LinkTable): Promise<Set<string>> {
  const found = await rows<{ fromId: number; toId: number }>(
    db,
    sql`SELECT "fromId", "toId" FROM "retraction" WHERE "subjectType" = ${table}`,
  );
  return new Set(found.map((r) => `${Number(r.fromId)}:${Number(r.toId)}`));
}

/** Records that a curator removed a pair (once). */
export async function insertRetraction(db: Queryable, table: LinkTable, fromId: number, toId: number): Promise<void> {
  await execute(
    db,
    sql`INSERT INTO "retraction" ("subjectType", "fromId", "toId") VALUES (${table}, ${fromId}, ${toId}) ON CONFLICT DO NOTHING`,
  );
}

/** Lifts the retraction of a pair, if there is one. */
export async function deleteRetraction(db: Queryable, table: LinkTable, fromId: number, toId: number): Promise<void> {
  await execute(db, sql`DELETE FROM "retraction" WHERE "subjectType" = ${table} AND "fromId" = ${fromId} AND "toId" = ${toId}`);
}

/** Drops the retractions of a link table that name any of these rows on either end. */
export async function deleteRetractionsOf(db: Queryable, table: LinkTable, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const named = jsonArrayValues(ids);
  await execute(db, sql`DELETE FROM "retraction" WHERE "subjectType" = ${table} AND ("fromId" IN (${named}) OR "toId" IN (${named}))`);
}

/** One tombstone (src/import/tombstone.entity.ts). */
export interface TombstoneRow {
  nodeType: NodeKey;
  slug: string;
  externalCode: string | null;
  /** Normalised names (src/import/slug.ts `normaliseName`). */
  names: string[];
}

/** Every tombstone: a handful, read whole by each import. */
export async function selectTombstones(db: Queryable): Promise<TombstoneRow[]> {
  const found = await rows<Omit<TombstoneRow, 'names'> & { names: string }>(
    db,
    sql`SELECT "nodeType", "slug", "externalCode", "names" FROM "tombstone"`,
  );
  return found.map((row) => ({ ...row, names: JSON.parse(row.names) as string[] }));
}

/** Leaves tombstones; one that exists for the slug takes the new external code and names. */
export async function insertTombstones(db: Queryable, tombstones: readonly TombstoneRow[]): Promise<void> {
  if (tombstones.length === 0) return;
  const values = tupleRows(
    'tombstone',
    ['nodeType', 'slug', 'externalCode', 'names'],
    tombstones.map((t) => [t.nodeType, t.slug, t.externalCode, JSON.stringify(t.names)]),
  );
  // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.
  await execute(
    db,
    sql`INSERT INTO "tombstone" ("nodeType", "slug", "externalCode", "names") ${values} WHERE true
      ON CONFLICT ("nodeType", "slug") DO UPDATE SET "externalCode" = excluded."externalCode", "names" = excluded."names"`,
  );
}

/** Lifts tombstones of a node type, by slug. */
export async function deleteTombstones(db: Queryable, type: NodeKey, slugs: readonly string[]): Promise<void> {
  if (slugs.length)
    await execute(db, sql`DELETE FROM "tombstone" WHERE "nodeType" = ${type} AND "slug" IN (${jsonArrayValues(slugs, 'text')})`);
}
