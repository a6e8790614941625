import DataLoader from 'dataloader';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { pagedQuery, type Page } from '../db/paged-query';
import { sqlKey, type Sql } from '../db/sql';
import type { Path } from '../model/paths';
import { windowKey, type PageWindow } from '../shared/page-window';

/** What a page request needs besides the parent ids. */
export interface PageRequest {
  window: PageWindow;
  where: readonly Sql[];
  orderBy: Sql;
}

/**
 * Per-request cache of page loaders: one DataLoader per (path, arguments), so every parent
 * asking for the same page shape at one level is served by a single statement.
 */
export class RelationPages {
  private readonly loaders = new Map<string, DataLoader<number, Page<unknown>>>();

  constructor(private readonly dataSource: DataSource) {}

  load<T extends ObjectLiteral>(path: Path<T>, parentId: number, request: PageRequest): Promise<Page<T>> {
    const key = `${path.name}|${sqlKey(request.orderBy)}|${windowKey(request.window)}|${request.where.map(sqlKey).join('&')}`;
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<number, Page<unknown>>(
        (parentIds) =>
          pagedQuery(this.dataSource, {
            entity: path.entity,
            relation: { rows: path.rows, attributes: path.attributes.map((a) => a.column) },
            parentIds,
            where: request.where,
            orderBy: request.orderBy,
            window: request.window,
          }) as Promise<Page<unknown>[]>,
      );
      this.loaders.set(key, loader);
    }
    return loader.load(parentId) as Promise<Page<T>>;
  }
}
