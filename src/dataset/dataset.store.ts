import { empty, execute, join, registryIdent, rows, sql, type Queryable, type Sql } from '../db/sql';
import { jsonArrayValues } from '../db/dialect';
import { NODE_TYPES, type NodeKey } from '../model/node-types';
import { RELATIONS, type CitationSubject, type LinkRelationKey } from '../model/relations';

/**
 * The statements an export reads with; tables and columns come from the model registry. Each
 * reads a whole table, or with `ids` only the records (and their links) of those row ids: what a
 * change record holds (src/curation/change.service.ts).
 */

const q = registryIdent;

/** `AND <column> IN (ids)`, or nothing when every row is wanted. */
const among = (column: Sql, ids: readonly number[] | undefined): Sql => (ids ? sql` AND ${column} IN (${jsonArrayValues(ids)})` : empty);

/** A citation with the slug of its source. */
export interface CitedSlugRow {
  subjectType: CitationSubject;
  subjectId: number;
  slug: string;
}

/** Every citation naming its source by slug; with `subject`, only those of one subject type and those ids. */
export function selectCitedSlugs(db: Queryable, subject?: { type: CitationSubject; ids: readonly number[] }): Promise<CitedSlugRow[]> {
  const where = subject ? sql` WHERE c."subjectType" = ${subject.type}${among(sql`c."subjectId"`, subject.ids)}` : empty;
  return rows<CitedSlugRow>(
    db,
    sql`SELECT c."subjectType" AS "subjectType", c."subjectId" AS "subjectId", s."slug" AS "slug" FROM "citation" c JOIN "source" s ON s."id" = c."sourceId"${where}`,
  );
}

/** An entity row with the slug each reference column points at, as `ref_<field>`. */
export type RecordRow = Record<string, unknown> & { id: number; slug: string };

/** The rows of a node type (all, or those of `ids`), each reference (`column` → `target`) resolved to a slug. */
export function selectRecordRows(
  db: Queryable,
  type: NodeKey,
  references: readonly { field: string; column: string; target: NodeKey }[],
  ids?: readonly number[],
): Promise<RecordRow[]> {
  const slugs = references.map((r, i) => sql`, ${q(`j${i}`)}."slug" AS ${q(`ref_${r.field}`)}`);
  const joins = references.map(
    (r, i) => sql` LEFT JOIN ${q(NODE_TYPES[r.target].table)} ${q(`j${i}`)} ON ${q(`j${i}`)}."id" = e.${q(r.column)}`,
  );
  return rows<RecordRow>(
    db,
    sql`SELECT e.*${join(slugs, sql``)} FROM ${q(NODE_TYPES[type].table)} e${join(joins, sql``)} WHERE 1 = 1${among(sql`e."id"`, ids)}`,
  );
}

/** A link row: its id, the owning row's id, the slug of the other end, and the attributes. */
export type LinkRecordRow = Record<string, unknown> & { id: number; owner: number; target: string };

/**
 * The links of a relation (all, or those `ids` own), with the owner that lists them. A symmetric
 * pair is listed on both its ends.
 */
export function selectLinkRecordRows(db: Queryable, relation: LinkRelationKey, ids?: readonly number[]): Promise<LinkRecordRow[]> {
  const spec = RELATIONS[relation];
  const table = q(spec.storage.table);
  const [from, to] = [q(spec.from.column), q(spec.to.column)];
  const toTable = q(NODE_TYPES[spec.to.type].table);
  if (spec.storage.kind === 'symmetric') {
    const fromTable = q(NODE_TYPES[spec.from.type].table);
    return rows<LinkRecordRow>(
      db,
      sql`SELECT l."id", l.${from} AS "owner", b."slug" AS "target" FROM ${table} l JOIN ${toTable} b ON b."id" = l.${to} WHERE 1 = 1${among(sql`l.${from}`, ids)}
     UNION ALL SELECT l."id", l.${to} AS "owner", a."slug" AS "target" FROM ${table} l JOIN ${fromTable} a ON a."id" = l.${from} WHERE 1 = 1${among(sql`l.${to}`, ids)}`,
    );
  }
  return rows<LinkRecordRow>(
    db,
    sql`SELECT l.*, l.${from} AS "owner", t."slug" AS "target" FROM ${table} l JOIN ${toTable} t ON t."id" = l.${to} WHERE 1 = 1${among(sql`l.${from}`, ids)}`,
  );
}

/** How many releases of the curated seeds the database has taken in (src/dataset/seed-release.entity.ts). */
export async function countSeedReleases(db: Queryable): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`SELECT COUNT(*) AS "n" FROM "seed_release"`);
  return Number(row.n);
}

/** Records that the database took in the seed release `digest` at `at` (a release taken in before keeps its first time). */
export async function recordSeedRelease(db: Queryable, digest: string, at: string): Promise<void> {
  await execute(db, sql`INSERT INTO "seed_release" ("digest", "appliedAt") VALUES (${digest}, ${at}) ON CONFLICT ("digest") DO NOTHING`);
}
