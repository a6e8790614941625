import type DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { oneLoader } from './batch';

/** Every entity has a row id and a slug. */
export interface Keyed extends ObjectLiteral {
  rowId: number;
  slug: string;
}

/** `<entity>ById`: one statement for all the row ids asked for in a tick. */
export function byRowId<T extends Keyed>(dataSource: DataSource, entity: EntityTarget<T>): DataLoader<number, T | null> {
  const repository = dataSource.getRepository(entity);
  return oneLoader(
    (ids) => repository.findBy({ rowId: In([...ids]) } as never),
    (row) => row.rowId,
  );
}

/** `<entity>BySlug`: one statement for all the slugs asked for in a tick. */
export function bySlug<T extends Keyed>(dataSource: DataSource, entity: EntityTarget<T>): DataLoader<string, T | null> {
  const repository = dataSource.getRepository(entity);
  return oneLoader(
    (slugs) => repository.findBy({ slug: In([...slugs]) } as never),
    (row) => row.slug,
  );
}
