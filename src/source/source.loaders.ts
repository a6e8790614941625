import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { hydrate } from '../db/hydrate';
import { keyedLoader } from '../loaders/batch';
import type { CitationSubject } from '../model/relations';
import { Source } from './source.entity';
import { citedSources } from './source.store';

/**
 * `sourcesByCitation`: the sources citing each subject (an entity or a link), keyed by
 * `<subjectType>:<subjectId>`, in one statement for every subject asked for in a tick.
 */
export function sourcesByCitation(dataSource: DataSource): DataLoader<string, Source[]> {
  return keyedLoader(
    async (keys) => {
      const pairs = keys.map((key) => {
        const colon = key.lastIndexOf(':');
        return [key.slice(0, colon) as CitationSubject, Number(key.slice(colon + 1))] as const;
      });
      const found = await citedSources(dataSource, pairs);
      return found.map((row) => ({ key: `${row.__type}:${Number(row.__id)}`, source: hydrate(dataSource, Source, row) }));
    },
    (row) => row.key,
    (found) => found.map((row) => row.source),
    () => [],
  );
}
