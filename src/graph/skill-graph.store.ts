import { jsonArrayValues, jsonTupleRows, nocase } from '../db/dialect';
import { join, literal, registryIdent, rows, sql, type Queryable, type Sql } from '../db/sql';
import { NODE_TYPES } from '../model/node-types';
import { foreignKeyOf, type LinkTable, type RelationSpec } from '../model/relations';
import { weightSql } from '../model/weights';
import type { SkillGraphEdgeKind, SkillGraphNodeType } from './skill-graph.types';

/** One stored link the walk can cross: its ends' node types and tables, and rows giving its ends `s` → `t` and its weight `w`. */
export interface GraphLink {
  kind: SkillGraphEdgeKind;
  source: SkillGraphNodeType;
  target: SkillGraphNodeType;
  sourceTable: Sql;
  targetTable: Sql;
  sql: Sql;
}

/** The link a relation draws, in the direction its edges point (from → to), weighted by its rule (src/model/weights.ts); null if not drawn. */
export function graphLink(spec: RelationSpec): GraphLink | null {
  if (!spec.graph) return null;
  const column = (name: string) => sql`l.${registryIdent(name)}`;
  const foreignKey = foreignKeyOf(spec);
  const where = foreignKey ? sql` WHERE ${column(foreignKey)} IS NOT NULL` : sql``;
  return {
    kind: spec.graph.kind as SkillGraphEdgeKind,
    source: NODE_TYPES[spec.from.type].graph as SkillGraphNodeType,
    target: NODE_TYPES[spec.to.type].graph as SkillGraphNodeType,
    sourceTable: registryIdent(NODE_TYPES[spec.from.type].table),
    targetTable: registryIdent(NODE_TYPES[spec.to.type].table),
    sql: sql`SELECT ${column(spec.from.column)} AS "s", ${column(spec.to.column)} AS "t", ${weightSql(spec.graph.weight, spec.storage.kind === 'column' ? null : (spec.storage.table as LinkTable), sql`l`)} AS "w" FROM ${registryIdent(spec.storage.table)} l${where}`,
  };
}

/** A node the walk reaches from the frontier node at `fromPos`, through its heaviest link `w`. */
export interface NeighbourRow {
  fromPos: number;
  type: SkillGraphNodeType;
  id: number;
  slug: string;
  name: string;
  w: number;
}

/**
 * The unseen neighbours of a frontier (nodes as [type, row id], in walk order), across the links
 * both ways, at most `limit` per frontier node, each node's in walk order; one statement.
 *
 * Only the frontier nodes the walk can still take from are ranked: once an earlier frontier node
 * alone has `limit` unseen neighbours, the walk is full before it reaches the later ones. A tool
 * used by 150 roles has 24,000 candidates at its second level; ranking only the first role's
 * spares sorting them all.
 */
export function neighbourRows(
  db: Queryable,
  links: readonly GraphLink[],
  frontier: readonly (readonly [SkillGraphNodeType, number])[],
  seen: readonly string[],
  limit: number,
): Promise<NeighbourRow[]> {
  const arms = links.flatMap((link) => [
    sql`SELECT f."pos" AS "fromPos", ${literal(link.target)} AS "type", n."id", n."slug", n."name", l."w"
     FROM (${link.sql}) l JOIN frontier f ON f."type" = ${literal(link.source)} AND f."id" = l."s" JOIN ${link.targetTable} n ON n."id" = l."t"`,
    sql`SELECT f."pos", ${literal(link.source)}, n."id", n."slug", n."name", l."w"
     FROM (${link.sql}) l JOIN frontier f ON f."type" = ${literal(link.target)} AND f."id" = l."t" JOIN ${link.sourceTable} n ON n."id" = l."s"`,
  ]);
  if (arms.length === 0) return Promise.resolve([]);
  return rows<NeighbourRow>(
    db,
    sql`WITH frontier("type", "id", "pos") AS (${jsonTupleRows(frontier, 2, true)}),
    seen("key") AS (${jsonArrayValues(seen)}),
    candidates AS (${join(arms, sql` UNION ALL `)}),
    best AS (
      SELECT "fromPos", "type", "id", "slug", "name", MAX("w") AS "w" FROM candidates
      WHERE ("type" || ':' || "id") NOT IN (SELECT "key" FROM seen)
      GROUP BY "fromPos", "type", "id", "slug", "name"
    ),
    counts AS (SELECT "fromPos", COUNT(*) AS "c" FROM best GROUP BY "fromPos"),
    needed AS (
      SELECT "fromPos" FROM (SELECT "fromPos", MAX("c") OVER (ORDER BY "fromPos" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS "before" FROM counts) p
      WHERE "before" IS NULL OR "before" < ${limit}
    ),
    ranked AS (
      SELECT *, ROW_NUMBER() OVER (PARTITION BY "fromPos" ORDER BY "w" DESC, ${nocase(sql`"name"`)} ASC, "type" ASC, "slug" ASC) AS "rn"
      FROM best WHERE "fromPos" IN (SELECT "fromPos" FROM needed)
    )
    SELECT "fromPos", "type", "id", "slug", "name", "w" FROM ranked WHERE "rn" <= ${limit} ORDER BY "fromPos", "rn"`,
  );
}

/** A link between two chosen nodes. */
export interface EdgeRow {
  kind: SkillGraphEdgeKind;
  sourceType: SkillGraphNodeType;
  s: number;
  targetType: SkillGraphNodeType;
  t: number;
  w: number;
}

/** Every link of the given kinds between two of the nodes ([type, row id]); one statement, in no particular order. */
export function edgeRows(
  db: Queryable,
  links: readonly GraphLink[],
  nodes: readonly (readonly [SkillGraphNodeType, number])[],
): Promise<EdgeRow[]> {
  const arms = links.map(
    (
      link,
    ) => sql`SELECT ${literal(link.kind)} AS "kind", ${literal(link.source)} AS "sourceType", l."s", ${literal(link.target)} AS "targetType", l."t", l."w"
     FROM (${link.sql}) l
     WHERE l."s" IN (SELECT "id" FROM nodes WHERE "type" = ${literal(link.source)}) AND l."t" IN (SELECT "id" FROM nodes WHERE "type" = ${literal(link.target)})`,
  );
  if (arms.length === 0) return Promise.resolve([]);
  return rows<EdgeRow>(
    db,
    sql`WITH nodes("type", "id") AS (${jsonTupleRows(nodes, 2)})
    ${join(arms, sql` UNION ALL `)}`,
  );
}
