import { jsonTupleRows, nocase } from '../db/dialect';
import { nameContains } from '../db/filters';
import { rows, sql, type Queryable, type Sql } from '../db/sql';
import type { CitationSubject } from '../model/relations';
import type { SourceFilter } from './source.inputs';

/** The conditions of a source list's `filter`, over the listed source aliased `e`. */
export function sourceFilterSql(filter: SourceFilter | undefined): Sql[] {
  return nameContains(filter?.titleContains, 'title', false);
}

/** A source row with the subject that cites it. */
export type CitedSourceRow = Record<string, unknown> & { __type: CitationSubject; __id: number };

/** The sources citing each subject, by title; one statement for every subject asked for. */
export function citedSources(db: Queryable, subjects: readonly (readonly [CitationSubject, number])[]): Promise<CitedSourceRow[]> {
  // One JSON parameter for all the subjects, so the statement is the same for 1 or 10,000 of them.
  return rows<CitedSourceRow>(
    db,
    sql`WITH wanted("subjectType", "subjectId") AS (${jsonTupleRows(subjects, 2)})
       SELECT c."subjectType" AS "__type", c."subjectId" AS "__id", s.* FROM "citation" c
       JOIN wanted w ON w."subjectType" = c."subjectType" AND w."subjectId" = c."subjectId"
       JOIN "source" s ON s."id" = c."sourceId"
       ORDER BY ${nocase(sql`s."title"`)}, s."id"`,
  );
}

/** The distinct non-empty attribution texts of all sources, in order: what a licence such as CC BY asks to be shown. */
export async function attributionTexts(db: Queryable): Promise<string[]> {
  const found = await rows<{ attribution: string }>(
    db,
    sql`SELECT DISTINCT "attribution" FROM "source" WHERE "attribution" IS NOT NULL AND "attribution" <> '' ORDER BY "attribution"`,
  );
  return found.map((r) => r.attribution);
}
