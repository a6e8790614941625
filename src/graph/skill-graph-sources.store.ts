import { jsonTupleRows, nocase } from '../db/dialect';
import { join, literal, registryIdent, rows, sql, type Queryable, type Sql } from '../db/sql';
import type { NodeKey } from '../model/node-types';
import { RELATIONS, relationKeys, type LinkTable, type RelationSpec } from '../model/relations';
import type { SkillGraphEdgeKind } from './skill-graph.types';

/** A drawn link, as the sources of it are asked for: its edge kind and its ends' row ids (`s` → `t`, as the skill graph points it). */
export type GraphLinkKey = readonly [kind: string, s: number, t: number];

/** A source row with the position, among the links asked for, of the link it supports. */
export type GraphLinkSourceRow = Record<string, unknown> & { __pos: number };

/**
 * How each drawn, cited relation finds the citations of a link `w` ("kind", "s", "t"): through its
 * link row (`citedBy: 'link'`), or the row of its `to` end (`citedBy: 'to'`, a specialisation is
 * cited by the narrower role). Derived from the registry; links it does not cite (categories) have none.
 */
function citationArm(spec: RelationSpec): Sql | null {
  if (!spec.graph || !spec.citedBy) return null;
  const kind = literal(spec.graph.kind as SkillGraphEdgeKind);
  if (spec.citedBy === 'to')
    return sql`SELECT w."pos", c."sourceId" FROM wanted w JOIN "citation" c ON c."subjectType" = ${literal(spec.to.type as NodeKey)} AND c."subjectId" = w."t" WHERE w."kind" = ${kind}`;
  const column = (name: string) => sql`l.${registryIdent(name)}`;
  return sql`SELECT w."pos", c."sourceId" FROM wanted w
    JOIN ${registryIdent(spec.storage.table)} l ON ${column(spec.from.column)} = w."s" AND ${column(spec.to.column)} = w."t"
    JOIN "citation" c ON c."subjectType" = ${literal(spec.storage.table as LinkTable)} AND c."subjectId" = l."id"
    WHERE w."kind" = ${kind}`;
}

const ARMS = relationKeys.flatMap((key) => citationArm(RELATIONS[key]) ?? []);

/** The sources supporting each of the links, by title; one statement for every link asked for. */
export function graphLinkSources(db: Queryable, links: readonly GraphLinkKey[]): Promise<GraphLinkSourceRow[]> {
  return rows<GraphLinkSourceRow>(
    db,
    sql`WITH wanted("kind", "s", "t", "pos") AS (${jsonTupleRows(links, 3, true)})
    SELECT x."pos" AS "__pos", s.* FROM (${join(ARMS, sql` UNION ALL `)}) x
    JOIN "source" s ON s."id" = x."sourceId"
    ORDER BY ${nocase(sql`s."title"`)}, s."id"`,
  );
}
