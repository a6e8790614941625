import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { encodePositionCursor } from './cursor';
import { pageFlags } from './page-window';
import type { ListItem, ListPage, Page, PageItem } from '../db/paged-query';

/** Relay page information. */
@ObjectType({ description: 'Where this page sits in the whole list (Relay PageInfo).' })
export class PageInfo {
  @Field({ description: 'True when items exist after this page.' })
  hasNextPage: boolean;

  @Field({ description: 'True when items exist before this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page; pass it as `before` for the previous page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page; pass it as `after` for the next page.' })
  endCursor: string | null;
}

let abstractTypes = 0;

/** What every edge has: a cursor and a node. */
export interface EdgeShape<TNode> {
  cursor: string;
  node: TNode;
}

/** What every connection has. */
export interface ConnectionShape<TNode, TEdge extends EdgeShape<TNode>> {
  edges: TEdge[];
  nodes: TNode[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Declares `<Name>Connection` over an edge type; one class per connection keeps the schema explicit. */
export function ConnectionType<TNode extends object, TEdge extends EdgeShape<TNode>>(
  nodeType: ClassType<TNode>,
  edgeType: ClassType<TEdge>,
) {
  // TypeGraphQL inherits fields only from a registered type; this base is never referenced, so
  // it never reaches the schema.
  @ObjectType(`AbstractConnection${++abstractTypes}`)
  abstract class Connection implements ConnectionShape<TNode, TEdge> {
    @Field(() => [edgeType], { description: 'The items of this page with their cursors and link attributes.' })
    edges: TEdge[];

    @Field(() => [nodeType], { description: 'The items of this page, without edge data: a shortcut for `edges { node }`.' })
    nodes: TNode[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds, with the filter applied.' })
    totalCount: number;
  }
  return Connection;
}

/** Declares the cursor and node fields of an edge. */
export function EdgeType<TNode extends object>(nodeType: ClassType<TNode>) {
  @ObjectType(`AbstractEdge${++abstractTypes}`)
  abstract class Edge implements EdgeShape<TNode> {
    @Field({ description: 'Opaque cursor of this item, for `after`/`before`.' })
    cursor: string;

    @Field(() => nodeType, { description: 'The item.' })
    node: TNode;
  }
  return Edge;
}

/** Builds a ranked list's connection from its page; `makeEdge` adds the attributes of each item. */
export function toConnection<TNode, TEdge extends EdgeShape<TNode>>(
  page: Page<TNode>,
  makeEdge: (item: PageItem<TNode>, base: EdgeShape<TNode>) => TEdge,
): ConnectionShape<TNode, TEdge> {
  const { items } = page;
  const flags = pageFlags(items[0]?.position, items[items.length - 1]?.position, page.totalCount, page.window);
  return connectionOf(items, (item) => encodePositionCursor(item.position), makeEdge, flags, page.totalCount);
}

/**
 * Builds a keyed list's connection from its page; `makeEdge` adds the link attributes of each
 * item. `totalCount` is null only when the field is not selected (the lists count exactly then).
 */
export function toListConnection<TNode, TEdge extends EdgeShape<TNode>>(
  page: ListPage<TNode>,
  makeEdge: (item: ListItem<TNode>, base: EdgeShape<TNode>) => TEdge,
): ConnectionShape<TNode, TEdge> {
  return connectionOf(page.items, (item) => item.cursor, makeEdge, page, page.totalCount ?? 0);
}

function connectionOf<TNode, TItem extends { node: TNode }, TEdge extends EdgeShape<TNode>>(
  items: readonly TItem[],
  cursorOf: (item: TItem) => string,
  makeEdge: (item: TItem, base: EdgeShape<TNode>) => TEdge,
  flags: { hasNextPage: boolean; hasPreviousPage: boolean },
  totalCount: number,
): ConnectionShape<TNode, TEdge> {
  const edges = items.map((item) => makeEdge(item, { cursor: cursorOf(item), node: item.node }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    totalCount,
    pageInfo: {
      hasPreviousPage: flags.hasPreviousPage,
      hasNextPage: flags.hasNextPage,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
  };
}
