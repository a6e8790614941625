import type DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { entitiesByKeys } from '../db/lookup.store';
import { oneLoader } from './batch';

/** Every entity has a row id and a slug. */
export interface Keyed extends ObjectLiteral {
  rowId: number;
  slug: string;
}

/** `<entity>ById`: one statement for all the row ids asked for in a tick. */
export function byRowId<T extends Keyed>(dataSource: DataSource, entity: EntityTarget<T>): DataLoader<number, T | null> {
  return oneLoader(
    (ids) => entitiesByKeys(dataSource, entity, 'id', ids),
    (row) => row.rowId,
  );
}

/** `<entity>BySlug`: one statement for all the slugs asked for in a tick. */
export function bySlug<T extends Keyed>(dataSource: DataSource, entity: EntityTarget<T>): DataLoader<string, T | null> {
  return oneLoader(
    (slugs) => entitiesByKeys(dataSource, entity, 'slug', slugs),
    (row) => row.slug,
  );
}
