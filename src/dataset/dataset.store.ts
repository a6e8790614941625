import { join, registryIdent, rows, sql, type Queryable } from '../db/sql';
import { NODE_TYPES, type NodeKey } from '../model/node-types';
import { RELATIONS, type CitationSubject, type LinkRelationKey } from '../model/relations';

/** The statements an export reads with; tables and columns come from the model registry. */

const q = registryIdent;

/** A citation with the slug of its source. */
export interface CitedSlugRow {
  subjectType: CitationSubject;
  subjectId: number;
  slug: string;
}

/** Every citation, naming its source by slug. */
export function selectCitedSlugs(db: Queryable): Promise<CitedSlugRow[]> {
  return rows<CitedSlugRow>(
    db,
    sql`SELECT c."subjectType" AS "subjectType", c."subjectId" AS "subjectId", s."slug" AS "slug" FROM "citation" c JOIN "source" s ON s."id" = c."sourceId"`,
  );
}

/** An entity row with the slug each reference column points at, as `ref_<field>`. */
export type RecordRow = Record<string, unknown> & { id: number; slug: string };

/** Every row of a node type, each reference (`column` → `target`) resolved to a slug. */
export function selectRecordRows(
  db: Queryable,
  type: NodeKey,
  references: readonly { field: string; column: string; target: NodeKey }[],
): Promise<RecordRow[]> {
  const slugs = references.map((r, i) => sql`, ${q(`j${i}`)}."slug" AS ${q(`ref_${r.field}`)}`);
  const joins = references.map(
    (r, i) => sql` LEFT JOIN ${q(NODE_TYPES[r.target].table)} ${q(`j${i}`)} ON ${q(`j${i}`)}."id" = e.${q(r.column)}`,
  );
  return rows<RecordRow>(db, sql`SELECT e.*${join(slugs, sql``)} FROM ${q(NODE_TYPES[type].table)} e${join(joins, sql``)}`);
}

/** A link row: its id, the owning row's id, the slug of the other end, and the attributes. */
export type LinkRecordRow = Record<string, unknown> & { id: number; owner: number; target: string };

/**
 * Every link of a relation, with the owner that lists it. A symmetric pair is listed once, on the
 * end whose slug sorts first.
 */
export function selectLinkRecordRows(db: Queryable, relation: LinkRelationKey): Promise<LinkRecordRow[]> {
  const spec = RELATIONS[relation];
  const table = q(spec.storage.table);
  const [from, to] = [q(spec.from.column), q(spec.to.column)];
  const fromTable = q(NODE_TYPES[spec.from.type].table);
  const toTable = q(NODE_TYPES[spec.to.type].table);
  if (spec.storage.kind === 'symmetric') {
    return rows<LinkRecordRow>(
      db,
      sql`SELECT l."id", CASE WHEN a."slug" < b."slug" THEN a."id" ELSE b."id" END AS "owner",
            CASE WHEN a."slug" < b."slug" THEN b."slug" ELSE a."slug" END AS "target"
     FROM ${table} l JOIN ${fromTable} a ON a."id" = l.${from} JOIN ${toTable} b ON b."id" = l.${to}`,
    );
  }
  return rows<LinkRecordRow>(
    db,
    sql`SELECT l.*, l.${from} AS "owner", t."slug" AS "target" FROM ${table} l JOIN ${toTable} t ON t."id" = l.${to}`,
  );
}
