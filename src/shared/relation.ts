import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { CitationSubject } from '../source/citation.entity';
import { MAX_BATCH_SIZE } from './batch';
import { OrderDirection } from './enums';
import { pagedQuery, type Page, type RelationSource } from './paged-query';
import type { PageWindow } from './page-window';
import type { Sql } from './sql';

/** One direction of a relation, as the paging helper needs it. */
export interface Relation<T extends ObjectLiteral> {
  /** Loader name, by what it returns and takes: `skillsByRoleId`. */
  name: string;
  entity: EntityTarget<T>;
  source: RelationSource;
  /** Citation subject of the link rows, when links cite sources. */
  citation?: CitationSubject;
}

/** Sort orders every list understands; IMPORTANCE only where the link has one. */
export type SortField = 'NAME' | 'IMPORTANCE' | 'IMPORTANCE_SCORE' | 'LEVEL' | 'RANK';

/** ORDER BY text for a sort: always ends on the row id so positions are stable. */
export function orderSql(field: SortField, direction: OrderDirection, nameColumn = 'name'): string {
  const dir = direction === OrderDirection.DESC ? 'DESC' : 'ASC';
  const byName = `e."${nameColumn}" COLLATE NOCASE ${dir}, e."id" ${dir}`;
  switch (field) {
    case 'NAME':
      return byName;
    case 'IMPORTANCE':
      // 'ESSENTIAL' sorts before 'OPTIONAL'; names break ties in ascending order.
      return `l."importance" ${dir}, e."name" COLLATE NOCASE ASC, e."id" ASC`;
    case 'IMPORTANCE_SCORE':
      return `l."importanceScore" ${dir} NULLS LAST, e."name" COLLATE NOCASE ASC, e."id" ASC`;
    case 'LEVEL':
      return `l."level" ${dir} NULLS LAST, e."name" COLLATE NOCASE ASC, e."id" ASC`;
    case 'RANK':
      return `l."rank" ${dir}, e."name" COLLATE NOCASE ASC, e."id" ASC`;
  }
}

/** What a page request needs besides the parent ids. */
export interface PageRequest {
  window: PageWindow;
  where: Sql[];
  orderBy: string;
}

/**
 * Per-request cache of page loaders: one DataLoader per (relation, arguments), so every parent
 * asking for the same page shape at one level is served by a single statement.
 */
export class RelationPages {
  private readonly loaders = new Map<string, DataLoader<number, Page<unknown>>>();

  constructor(private readonly dataSource: DataSource) {}

  load<T extends ObjectLiteral>(relation: Relation<T>, parentId: number, request: PageRequest): Promise<Page<T>> {
    const key = `${relation.name}|${request.orderBy}|${JSON.stringify(request.window)}|${request.where.map((w) => `${w.text}${JSON.stringify(w.params)}`).join('&')}`;
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<number, Page<unknown>>(
        (parentIds) =>
          pagedQuery(this.dataSource, {
            entity: relation.entity,
            relation: relation.source,
            parentIds,
            where: request.where,
            orderBy: request.orderBy,
            window: request.window,
          }) as Promise<Page<unknown>[]>,
        { maxBatchSize: MAX_BATCH_SIZE },
      );
      this.loaders.set(key, loader);
    }
    return loader.load(parentId) as Promise<Page<T>>;
  }
}

/** A link table read from its owner's side. */
export function linkSource(table: string, parent: string, child: string, extras: string[] = []): RelationSource {
  const extraColumns = extras.map((c) => `, "${c}"`).join('');
  return {
    from: `(SELECT "id" AS "linkId", "${parent}" AS "parent", "${child}" AS "child"${extraColumns} FROM "${table}")`,
    extras,
  };
}
