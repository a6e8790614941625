import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Context } from '../context';
import { orderSql, pagedQuery, type SortField } from '../db/paged-query';
import type { Sql } from '../db/sql';
import { readAttributes, type Path } from '../model/paths';
import { citationKey } from '../source/citation.entity';
import type { Source } from '../source/source.entity';
import { toConnection, type ConnectionShape, type EdgeShape } from '../shared/connection';
import type { ConnectionArgs } from '../shared/connection-args';
import { OrderDirection } from '../shared/enums';
import { toPageWindow } from '../shared/page-window';

/** A sort as the GraphQL `orderBy` arguments give it: every order enum's values are SortFields. */
export interface SortInput {
  field: SortField;
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
    orderBy: orderSql(order.field, order.direction, nameColumn),
    window: toPageWindow(args),
  });
  return toConnection(page, (_item, base) => base);
}

/**
 * One parent's page of a relation as a connection. The page comes from the request's batched
 * loader, so all parents at one level share one statement. The edge carries the link's
 * attributes as the registry declares them, and loads the link's sources when asked.
 */
export async function relationConnection<T extends ObjectLiteral, E extends EdgeShape<T>>(
  ctx: Context,
  path: Path<T>,
  parentRowId: number,
  args: ConnectionArgs,
  edgeType: new () => E,
  options: { where?: Sql[]; order?: SortInput } = {},
): Promise<ConnectionShape<T, E>> {
  const order = options.order ?? byName;
  const page = await ctx.loaders.pages.load(path, parentRowId, {
    window: toPageWindow(args),
    where: options.where ?? [],
    orderBy: orderSql(order.field, order.direction),
  });
  return toConnection(page, (item, base) => {
    const edge = Object.assign(new edgeType(), base, readAttributes(path.attributes, item.link));
    if (path.citation && item.linkId !== null) {
      const key = citationKey(path.citation, item.linkId);
      (edge as unknown as { loadSources: () => Promise<Source[]> }).loadSources = () => ctx.loaders.sourcesByCitation.load(key);
    }
    return edge;
  });
}
