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
  /** The node that reached it (null for the root): their heaviest link is the walk's tree link. */
  parent: WalkNode | null;
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
      const node = {
        type: row.type,
        rowId: Number(row.id),
        slug: row.slug,
        label: row.name,
        weight: Number(row.w),
        level,
        parent: frontier[row.fromPos],
      };
      seen.add(key);
      nodes.push(node);
      next.push(node);
    }
    frontier = next;
  }
  const edges = nodes.length > 1 ? strongestFirst(nodes, await edgesBetween(ctx, links, nodes)) : [];
  return Object.assign(new SkillGraph(), {
    nodes: nodes.map((n) =>
      Object.assign(new SkillGraphNode(), { id: globalId(n), type: n.type, label: n.label, weight: n.weight, level: n.level }),
    ),
    links: edges,
    edgeCount: edges.length,
    maxNodes: request.maxNodes,
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
    return { type, rowId: row.rowId, slug: row.slug, label: row.name, weight: 1, level: 0, parent: null };
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

/** Every link of the chosen kinds between two chosen nodes, in one statement; ordered by source, target, kind (walk order). */
async function edgesBetween(ctx: Context, links: readonly GraphLink[], nodes: readonly WalkNode[]): Promise<PlacedEdge[]> {
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
    const edge = Object.assign(new SkillGraphEdge(), {
      id: `${row.kind}:${from}:${to}`,
      source: from,
      target: to,
      kind: row.kind,
      weight: Number(row.w),
      link: [row.kind, Number(row.s), Number(row.t)] as const,
    });
    return { edge, source, target };
  });
}

/** An edge with the positions of its ends in walk order. */
interface PlacedEdge {
  edge: SkillGraphEdge;
  source: number;
  target: number;
}

/**
 * The links strongest first, so that the first n of them are each node's strongest links: first
 * the walk's tree (each node's heaviest link to the node that reached it, in walk order), which
 * keeps every node connected; then the others by their rank among the links of the end where they
 * rank higher (each node's links by weight descending), then weight descending, then walk order of
 * their ends and kind. A dense neighbourhood (a tool used by hundreds of roles) has twenty links
 * per node; a slice of this order draws the ones that matter for each node.
 */
function strongestFirst(nodes: readonly WalkNode[], placed: PlacedEdge[]): SkillGraphEdge[] {
  const index = new Map(nodes.map((n, i) => [n, i]));
  const tree = new Set<PlacedEdge>();
  const treeOf = new Map<number, PlacedEdge>();
  for (const p of placed) {
    for (const [child, other] of [
      [p.source, p.target],
      [p.target, p.source],
    ]) {
      const parent = nodes[child].parent;
      if (parent === null || index.get(parent) !== other) continue;
      const best = treeOf.get(child);
      if (!best || p.edge.weight > best.edge.weight) treeOf.set(child, p);
    }
  }
  for (const p of treeOf.values()) tree.add(p);
  const byStrength = (a: PlacedEdge, b: PlacedEdge) =>
    Number(tree.has(b)) - Number(tree.has(a)) ||
    b.edge.weight - a.edge.weight ||
    a.source - b.source ||
    a.target - b.target ||
    KIND_ORDER.indexOf(a.edge.kind) - KIND_ORDER.indexOf(b.edge.kind);
  const rank = new Map<PlacedEdge, number>();
  const atNode = nodes.map(() => [] as PlacedEdge[]);
  for (const p of placed) {
    atNode[p.source].push(p);
    atNode[p.target].push(p);
  }
  for (const list of atNode) {
    list.sort(byStrength).forEach((p, i) => rank.set(p, Math.min(rank.get(p) ?? i, i)));
  }
  return [...placed]
    .sort((a, b) => Number(tree.has(b)) - Number(tree.has(a)) || rank.get(a)! - rank.get(b)! || byStrength(a, b))
    .map((p) => p.edge);
}
