import type { ObjectLiteral } from 'typeorm';
import type { EntityTarget } from 'typeorm';
import type { Context } from '../context';
import { citationKey } from '../source/citation.entity';
import type { Source } from '../source/source.entity';
import { toConnection, type ConnectionShape, type EdgeShape } from './connection';
import type { ConnectionArgs } from './connection-args';
import { OrderDirection } from './enums';
import { pagedQuery, type PageItem } from './paged-query';
import { toPageWindow } from './page-window';
import { orderSql, type Relation, type SortField } from './relation';
import type { Sql } from './sql';

/** A sort as the GraphQL `orderBy` arguments give it. */
export interface SortInput {
  field: SortField | string;
  direction: OrderDirection;
}

const byName: SortInput = { field: 'NAME', direction: OrderDirection.ASC };

/** A top-level list (`roles`, `skills`, ...) as a connection: one statement. */
export async function listConnection<T extends ObjectLiteral>(
  ctx: Context,
  entity: EntityTarget<T>,
  args: ConnectionArgs,
  where: Sql[],
  order: SortInput = byName,
  nameColumn = 'name',
): Promise<ConnectionShape<T, EdgeShape<T>>> {
  const [page] = await pagedQuery(ctx.dataSource, {
    entity,
    where,
    orderBy: orderSql(order.field as SortField, order.direction, nameColumn),
    window: toPageWindow(args),
  });
  return toConnection(page, (_item, base) => base);
}

/** Extra edge attributes taken from the link row. */
export type EdgeAttributes<E> = (item: PageItem<unknown>) => Partial<E>;

/**
 * One parent's page of a relation as a connection. The page comes from the request's batched
 * loader, so all parents at one level share one statement.
 */
export async function relationConnection<T extends ObjectLiteral, E extends EdgeShape<T>>(
  ctx: Context,
  relation: Relation<T>,
  parentRowId: number,
  args: ConnectionArgs,
  edgeType: new () => E,
  options: { where?: Sql[]; order?: SortInput; attributes?: EdgeAttributes<E> } = {},
): Promise<ConnectionShape<T, E>> {
  const page = await ctx.loaders.pages.load(relation, parentRowId, {
    window: toPageWindow(args),
    where: options.where ?? [],
    orderBy: orderSql((options.order ?? byName).field as SortField, (options.order ?? byName).direction),
  });
  return toConnection(page, (item, base) => {
    const edge = Object.assign(new edgeType(), base, options.attributes?.(item as PageItem<unknown>) ?? {});
    if (relation.citation && item.linkId !== null) {
      const key = citationKey(relation.citation, item.linkId);
      (edge as unknown as { loadSources: () => Promise<Source[]> }).loadSources = () => ctx.loaders.sourcesByCitation.load(key);
    }
    return edge;
  });
}
