import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { keyedLoader } from '../shared/batch';
import { hydrate } from '../shared/hydrate';
import { Source } from './source.entity';

/**
 * `sourcesByCitation`: the sources citing each subject (an entity or a link), keyed by
 * `<subjectType>:<subjectId>`, in one statement for every subject asked for in a tick.
 */
export function sourcesByCitation(dataSource: DataSource): DataLoader<string, Source[]> {
  return keyedLoader(
    async (keys) => {
      const pairs = keys.map((key) => {
        const colon = key.lastIndexOf(':');
        return [key.slice(0, colon), Number(key.slice(colon + 1))] as const;
      });
      const rows: Record<string, unknown>[] = await dataSource.query(
        `SELECT c."subjectType" AS "__type", c."subjectId" AS "__id", s.* FROM "citation" c
         JOIN "source" s ON s."id" = c."sourceId"
         WHERE (c."subjectType", c."subjectId") IN (VALUES ${pairs.map(() => '(?, ?)').join(', ')})
         ORDER BY s."title" COLLATE NOCASE, s."id"`,
        pairs.flat(),
      );
      return rows.map((row) => ({ key: `${row.__type as string}:${Number(row.__id)}`, source: hydrate(dataSource, Source, row) }));
    },
    (row) => row.key,
    (rows) => rows.map((row) => row.source),
    () => [],
  );
}
