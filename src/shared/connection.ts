import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { encodeCursor } from './cursor';
import type { Page, PageItem } from '../db/paged-query';

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
    @Field({ description: 'Opaque position of this item, for `after`/`before`.' })
    cursor: string;

    @Field(() => nodeType, { description: 'The item.' })
    node: TNode;
  }
  return Edge;
}

/** Builds a connection value from a page; `makeEdge` adds the link attributes of each item. */
export function toConnection<TNode, TEdge extends EdgeShape<TNode>>(
  page: Page<TNode>,
  makeEdge: (item: PageItem<TNode>, base: EdgeShape<TNode>) => TEdge,
): ConnectionShape<TNode, TEdge> {
  const edges = page.items.map((item) => makeEdge(item, { cursor: encodeCursor(item.position), node: item.node }));
  const firstItem = page.items[0];
  const lastItem = page.items[page.items.length - 1];
  const { after, before } = page.window;
  return {
    edges,
    nodes: edges.map((e) => e.node),
    totalCount: page.totalCount,
    pageInfo: {
      hasPreviousPage: firstItem ? firstItem.position > 1 : Math.min(after, page.totalCount) >= 1,
      hasNextPage: lastItem ? lastItem.position < page.totalCount : before !== null && before <= page.totalCount,
      startCursor: firstItem ? encodeCursor(firstItem.position) : null,
      endCursor: lastItem ? encodeCursor(lastItem.position) : null,
    },
  };
}
