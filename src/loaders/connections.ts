import type { GraphQLResolveInfo } from 'graphql';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Context } from '../context';
import { keyShape, sortKey, type SortField } from '../db/keyset';
import { listPage } from '../db/paged-query';
import { NODE_ENTITIES, type NodeEntity } from '../model/entities';
import { NODE_TYPES, type NodeKey } from '../model/node-types';
import type { Sql } from '../db/sql';
import { readAttributes, type Path } from '../model/paths';
import { citationKey } from '../source/citation.entity';
import type { Source } from '../source/source.entity';
import { toListConnection, type ConnectionShape, type EdgeShape } from '../shared/connection';
import type { ConnectionArgs } from '../shared/connection-args';
import { OrderDirection } from '../shared/enums';
import { toKeyWindow } from '../shared/page-window';
import { selectsField } from '../shared/selection';

/** A sort as the GraphQL `orderBy` arguments give it: every order enum's values are SortFields. */
export interface SortInput {
  field: SortField;
  direction: OrderDirection;
}

const byName: SortInput = { field: 'NAME', direction: OrderDirection.ASC };

/**
 * A top-level list (`roles`, `skills`, ...) as a connection: one statement that reads only the
 * page in the list-order index, after the cursor's key. `totalCount` is counted only when the
 * client selects it.
 */
export async function listConnection<K extends NodeKey>(
  ctx: Context,
  info: GraphQLResolveInfo,
  type: K,
  args: ConnectionArgs,
  where: Sql[],
  order: SortInput = byName,
): Promise<ConnectionShape<NodeEntity<K>, EdgeShape<NodeEntity<K>>>> {
  const sort = sortKey(order.field, order.direction, NODE_TYPES[type].nameColumn);
  const page = await listPage(ctx.dataSource, {
    entity: NODE_ENTITIES[type] as unknown as EntityTarget<NodeEntity<K>>,
    where,
    sort,
    window: toKeyWindow(args, keyShape(sort)),
    count: selectsField(info, 'totalCount'),
  });
  return toListConnection(page, (_item, base) => base);
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
  const sort = sortKey(order.field, order.direction);
  const page = await ctx.loaders.pages.load(path, parentRowId, {
    window: toKeyWindow(args, keyShape(sort)),
    where: options.where ?? [],
    sort,
  });
  return toListConnection(page, (item, base) => {
    const edge = Object.assign(new edgeType(), base, readAttributes(path, item.link));
    if (path.citation && item.linkId !== null) {
      const key = citationKey(path.citation, item.linkId);
      (edge as unknown as { loadSources: () => Promise<Source[]> }).loadSources = () => ctx.loaders.sourcesByCitation.load(key);
    }
    return edge;
  });
}
