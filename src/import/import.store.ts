import { typedValues } from '../db/dialect';
import { join, list, registryIdent, rows, execute, sql, type Queryable, type Sql, type SqlValue } from '../db/sql';
import type { NODE_TYPES, NodeKey } from '../model/node-types';
import type { CitationSubject, LinkTable } from '../model/relations';
import { pushAll } from '../shared/arrays';

/**
 * Every statement the import engine runs. Tables and columns come from the model registry (node
 * and link tables, relation ends and attributes) or from the entity columns an importer's mapping
 * names; values are always bound.
 */

/** Rows per statement: SQLite binds at most 32,766 parameters, and 400 rows of ten columns stay well below. */
export const CHUNK = 400;

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

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

const tuples = (chunk: readonly (readonly unknown[])[]): Sql => join(chunk.map((row) => sql`(${list(row as SqlValue[])})`));

/** Reads rows (id first) of a table: all of them, or those whose `where.column` is one of `where.values`. */
export async function selectRows(
  db: Queryable,
  table: ImportTable,
  columns: readonly string[],
  where?: { column: string; values: readonly SqlValue[] },
): Promise<StoredRow[]> {
  const select = sql`SELECT ${columnList(['id', ...columns])} FROM ${q(table)}`;
  const found: StoredRow[] = [];
  if (!where) pushAll(found, await rows<StoredRow>(db, select));
  else
    for (const chunk of chunks(where.values))
      pushAll(found, await rows<StoredRow>(db, sql`${select} WHERE ${q(where.column)} IN (${list(chunk)})`));
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

/** Inserts rows of values for `columns`, one statement per chunk. */
export async function insertRows(
  db: Queryable,
  table: ImportTable,
  columns: readonly string[],
  values: readonly (readonly unknown[])[],
): Promise<void> {
  for (const chunk of chunks(values)) await execute(db, sql`INSERT INTO ${q(table)} (${columnList(columns)}) VALUES ${tuples(chunk)}`);
}

/**
 * Updates rows by id: each row is [id, ...values of `columns`], one statement per chunk. With
 * `revise`, each row's `revision` grows by one (a node table's optimistic-concurrency counter).
 */
export async function updateRows(
  db: Queryable,
  table: ImportTable,
  columns: readonly string[],
  values: readonly (readonly unknown[])[],
  options: { revise?: boolean } = {},
): Promise<void> {
  if (columns.length === 0) return;
  const assignments = columns.map((c, i) => sql`${q(c)} = v.${q(`column${i + 2}`)}`);
  const set = join(options.revise ? [...assignments, sql`"revision" = ${q(table)}."revision" + 1`] : assignments);
  for (const chunk of chunks(values)) {
    const values = typedValues(q(table), ['id', ...columns], tuples(chunk));
    await execute(db, sql`UPDATE ${q(table)} SET ${set} FROM ${values} AS v WHERE ${q(table)}."id" = v."column1"`);
  }
}

/** Sets `column` to null (and grows `revision`) on the rows whose `column` is one of `ids`; returns their ids. */
export async function clearReferences(db: Queryable, table: ImportTable, column: string, ids: readonly number[]): Promise<number[]> {
  const found = await selectRows(db, table, [], { column, values: ids });
  const cleared = found.map((row) => row.id);
  for (const chunk of chunks(cleared)) {
    await execute(db, sql`UPDATE ${q(table)} SET ${q(column)} = NULL, "revision" = "revision" + 1 WHERE "id" IN (${list(chunk)})`);
  }
  return cleared;
}

/** Deletes rows by id, one statement per chunk. */
export async function deleteRows(db: Queryable, table: ImportTable, ids: readonly number[]): Promise<void> {
  for (const chunk of chunks(ids)) await execute(db, sql`DELETE FROM ${q(table)} WHERE "id" IN (${list(chunk)})`);
}

/** Every citation in the database. */
export async function selectCitations(db: Queryable): Promise<CitationRow[]> {
  const found = await rows<CitationRow>(db, sql`SELECT "subjectType", "subjectId", "sourceId" FROM "citation"`);
  return found.map((row) => ({ subjectType: row.subjectType, subjectId: Number(row.subjectId), sourceId: Number(row.sourceId) }));
}

/** Inserts citation rows, one statement per chunk. */
export async function insertCitations(db: Queryable, citations: readonly CitationRow[]): Promise<void> {
  for (const chunk of chunks(citations)) {
    await execute(
      db,
      sql`INSERT INTO "citation" ("subjectType", "subjectId", "sourceId") VALUES ${tuples(chunk.map((c) => [c.subjectType, c.subjectId, c.sourceId]))}`,
    );
  }
}

/** Deletes citation rows, one statement per chunk. */
export async function deleteCitations(db: Queryable, citations: readonly CitationRow[]): Promise<void> {
  for (const chunk of chunks(citations)) {
    await execute(
      db,
      sql`DELETE FROM "citation" WHERE ("subjectType", "subjectId", "sourceId") IN (VALUES ${tuples(chunk.map((c) => [c.subjectType, c.subjectId, c.sourceId]))})`,
    );
  }
}

/** Every slug of a node table. */
export async function selectSlugs(db: Queryable, table: ImportTable): Promise<string[]> {
  return (await rows<{ slug: string }>(db, sql`SELECT "slug" FROM ${q(table)}`)).map((row) => row.slug);
}

/** Each external code a role holds (O*NET-SOC), with the slug of the role that holds it. */
export async function selectRoleExternalCodes(db: Queryable): Promise<Map<string, string>> {
  const found = await rows<{ slug: string; externalCode: string }>(
    db,
    sql`SELECT "slug", "externalCode" FROM "role" WHERE "externalCode" IS NOT NULL`,
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
  for (const chunk of chunks(ids)) {
    await execute(
      db,
      sql`DELETE FROM "retraction" WHERE "subjectType" = ${table} AND ("fromId" IN (${list(chunk)}) OR "toId" IN (${list(chunk)}))`,
    );
  }
}

/** One tombstone (src/import/tombstone.entity.ts). */
export interface TombstoneRow {
  nodeType: NodeKey;
  slug: string;
  externalCode: string | null;
}

/** Every tombstone: a handful, read whole by each import. */
export async function selectTombstones(db: Queryable): Promise<TombstoneRow[]> {
  return rows<TombstoneRow>(db, sql`SELECT "nodeType", "slug", "externalCode" FROM "tombstone"`);
}

/** Leaves tombstones; one that exists for the slug takes the new external code. */
export async function insertTombstones(db: Queryable, tombstones: readonly TombstoneRow[]): Promise<void> {
  for (const chunk of chunks(tombstones)) {
    await execute(
      db,
      sql`INSERT INTO "tombstone" ("nodeType", "slug", "externalCode") VALUES ${tuples(chunk.map((t) => [t.nodeType, t.slug, t.externalCode]))}
        ON CONFLICT ("nodeType", "slug") DO UPDATE SET "externalCode" = excluded."externalCode"`,
    );
  }
}

/** Lifts tombstones of a node type, by slug. */
export async function deleteTombstones(db: Queryable, type: NodeKey, slugs: readonly string[]): Promise<void> {
  for (const chunk of chunks(slugs)) {
    await execute(db, sql`DELETE FROM "tombstone" WHERE "nodeType" = ${type} AND "slug" IN (${list(chunk)})`);
  }
}
