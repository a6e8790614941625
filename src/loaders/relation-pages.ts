import DataLoader from 'dataloader';
import type { DataSource, ObjectLiteral } from 'typeorm';
import type { SortKey } from '../db/keyset';
import { relationPages, type ListPage } from '../db/paged-query';
import { sqlKey, type Sql } from '../db/sql';
import type { Path } from '../model/paths';
import { windowKey, type KeyWindow } from '../shared/page-window';

/** What a page request needs besides the parent ids. */
export interface PageRequest {
  window: KeyWindow;
  where: readonly Sql[];
  sort: SortKey;
}

/**
 * Per-request cache of page loaders: one DataLoader per (path, arguments), so every parent
 * asking for the same page shape at one level is served by a single statement.
 */
export class RelationPages {
  private readonly loaders = new Map<string, DataLoader<number, ListPage<unknown>>>();

  constructor(private readonly dataSource: DataSource) {}

  load<T extends ObjectLiteral>(path: Path<T>, parentId: number, request: PageRequest): Promise<ListPage<T>> {
    const key = `${path.name}|${request.sort.order}|${windowKey(request.window)}|${request.where.map(sqlKey).join('&')}`;
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<number, ListPage<unknown>>(
        (parentIds) =>
          relationPages(this.dataSource, {
            entity: path.entity,
            relation: {
              rows: path.rows,
              linkIdIsKey: path.linkIdIsKey,
              attributes: [...path.attributes.map((a) => a.column), ...(path.weighted ? ['weight', 'supportCount'] : [])],
            },
            parentIds,
            where: request.where,
            sort: request.sort,
            window: request.window,
          }) as Promise<ListPage<unknown>[]>,
      );
      this.loaders.set(key, loader);
    }
    return loader.load(parentId) as Promise<ListPage<T>>;
  }
}
