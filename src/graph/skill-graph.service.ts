import type DataLoader from 'dataloader';
import type { Context } from '../context';
import { NotFoundError, UserInputError } from '../shared/errors';
import { parseGlobalId, toGlobalId, type NodeType } from '../shared/global-id';
import { SkillGraph, SkillGraphEdge, SkillGraphEdgeKind, SkillGraphNode, SkillGraphNodeType } from './skill-graph.types';
import { edgeRows, graphLink, neighbourRows, type GraphLink, type NeighbourRow } from './skill-graph.store';
import { NODE_TYPES, type GraphNodeKey, type NodeKey } from '../model/node-types';
import { RELATIONS, relationKeys } from '../model/relations';

const graphNodeKeys = (Object.keys(NODE_TYPES) as NodeKey[]).filter((k): k is GraphNodeKey => NODE_TYPES[k].graph !== null);

/** Every relation the registry draws. */
const LINKS: readonly GraphLink[] = relationKeys.flatMap((key) => graphLink(RELATIONS[key]) ?? []);

const GRAPHQL_TYPES = Object.fromEntries(graphNodeKeys.map((k) => [NODE_TYPES[k].graph, NODE_TYPES[k].graphqlType])) as Record<
  SkillGraphNodeType,
  NodeType
>;

const KIND_ORDER = Object.values(SkillGraphEdgeKind);

/** What the walk asks for. */
export interface SkillGraphRequest {
  root: string;
  depth: number;
  maxNodes: number;
  kinds?: readonly SkillGraphEdgeKind[] | null;
}

/** A node while the walk runs. */
interface WalkNode {
  type: SkillGraphNodeType;
  rowId: number;
  slug: string;
  label: string;
  weight: number;
  level: number;
}

const keyOf = (type: SkillGraphNodeType, rowId: number) => `${type}:${rowId}`;

/**
 * The neighbourhood of a root node, walked breadth-first over the chosen link kinds (both ways).
 *
 * Determinism: a level's nodes are expanded in the order they were added, and each node's new
 * neighbours are taken by link weight descending, then label, then type and slug (the parts of the
 * global id), until maxNodes is reached; `truncated` says the limit left some out.
 *
 * Cost: one statement for the root, one per level (a UNION ALL over every link kind both ways, for
 * the whole level, returning only the neighbours each node could still add), and one for the edges
 * between the chosen nodes: at most depth + 2 statements, however large the data or the graph.
 */
export async function skillGraph(ctx: Context, request: SkillGraphRequest): Promise<SkillGraph> {
  const links = request.kinds ? LINKS.filter((link) => request.kinds!.includes(link.kind)) : LINKS;
  const root = await loadRoot(ctx, request.root);
  const nodes: WalkNode[] = [root];
  const seen = new Set([keyOf(root.type, root.rowId)]);
  let frontier = [root];
  let truncated = false;
  for (let level = 1; level <= request.depth && frontier.length > 0 && !truncated; level++) {
    const rows = await neighbours(ctx, links, frontier, seen, request.maxNodes - nodes.length + 1);
    const next: WalkNode[] = [];
    for (const row of rows) {
      const key = keyOf(row.type, Number(row.id));
      if (seen.has(key)) continue;
      if (nodes.length >= request.maxNodes) {
        truncated = true;
        break;
      }
      const node = { type: row.type, rowId: Number(row.id), slug: row.slug, label: row.name, weight: Number(row.w), level };
      seen.add(key);
      nodes.push(node);
      next.push(node);
    }
    frontier = next;
  }
  const edges = nodes.length > 1 ? await edgesBetween(ctx, links, nodes) : [];
  return Object.assign(new SkillGraph(), {
    nodes: nodes.map((n) =>
      Object.assign(new SkillGraphNode(), { id: globalId(n), type: n.type, label: n.label, weight: n.weight, level: n.level }),
    ),
    edges,
    truncated,
  });
}

const globalId = (node: Pick<WalkNode, 'type' | 'slug'>) => toGlobalId(GRAPHQL_TYPES[node.type], node.slug);

/** The root from its global id: BAD_USER_INPUT when malformed or not a graph node, NOT_FOUND when unknown. */
async function loadRoot(ctx: Context, id: string): Promise<WalkNode> {
  const decoded = parseGlobalId(id);
  if (!decoded)
    throw new UserInputError(
      `\`root\` takes the global id of a role, skill, tool, responsibility or category; "${id}" is not one.`,
      'root',
    );
  const { loaders } = ctx;
  const find = async (type: SkillGraphNodeType, loader: DataLoader<string, { rowId: number; slug: string; name: string } | null>) => {
    const row = await loader.load(decoded.slug);
    if (!row) throw new NotFoundError(`No ${decoded.type} has the id "${id}".`, 'root');
    return { type, rowId: row.rowId, slug: row.slug, label: row.name, weight: 1, level: 0 };
  };
  switch (decoded.type) {
    case 'Role':
      return find(SkillGraphNodeType.ROLE, loaders.roleBySlug);
    case 'Skill':
      return find(SkillGraphNodeType.SKILL, loaders.skillBySlug);
    case 'Tool':
      return find(SkillGraphNodeType.TOOL, loaders.toolBySlug);
    case 'Responsibility':
      return find(SkillGraphNodeType.RESPONSIBILITY, loaders.responsibilityBySlug);
    case 'Category':
      return find(SkillGraphNodeType.CATEGORY, loaders.categoryBySlug);
    case 'Source':
      throw new UserInputError(
        `"${id}" is the id of a Source, which is not part of the skill graph; pass a role, skill, tool, responsibility or category id.`,
        'root',
      );
  }
}

/**
 * The unseen neighbours of a whole level in one statement, each frontier node's in walk order and
 * at most `limit` of them: a node can add at most the nodes still allowed, and one more tells the
 * walk it was truncated.
 */
async function neighbours(
  ctx: Context,
  links: readonly GraphLink[],
  frontier: readonly WalkNode[],
  seen: ReadonlySet<string>,
  limit: number,
): Promise<NeighbourRow[]> {
  return neighbourRows(
    ctx.dataSource,
    links,
    frontier.map((n) => [n.type, n.rowId] as const),
    [...seen],
    limit,
  );
}

/** Every link of the chosen kinds between two chosen nodes, in one statement; ordered by source, target, kind. */
async function edgesBetween(ctx: Context, links: readonly GraphLink[], nodes: readonly WalkNode[]): Promise<SkillGraphEdge[]> {
  const rows = await edgeRows(
    ctx.dataSource,
    links,
    nodes.map((n) => [n.type, n.rowId] as const),
  );
  const index = new Map(nodes.map((n, i) => [keyOf(n.type, n.rowId), i]));
  const edges = rows.map((row) => {
    const source = index.get(keyOf(row.sourceType, Number(row.s)))!;
    const target = index.get(keyOf(row.targetType, Number(row.t)))!;
    return { row, source, target };
  });
  edges.sort((a, b) => a.source - b.source || a.target - b.target || KIND_ORDER.indexOf(a.row.kind) - KIND_ORDER.indexOf(b.row.kind));
  return edges.map(({ row, source, target }) => {
    const from = globalId(nodes[source]);
    const to = globalId(nodes[target]);
    return Object.assign(new SkillGraphEdge(), {
      id: `${row.kind}:${from}:${to}`,
      source: from,
      target: to,
      kind: row.kind,
      weight: Number(row.w),
    });
  });
}
