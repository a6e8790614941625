import { MAX_GRAPH_DEPTH, MAX_GRAPH_NODES } from '../src/graph/graph.inputs';
import { toGlobalId, type NodeType } from '../src/shared/global-id';
import { curatedWeight } from './helpers/expected-weights';
import { onlyError } from './helpers/graphql-errors';
import { SeedGraph } from './helpers/seed-graph';
import { useSeededServer } from './helpers/served-database';

const atlas = useSeededServer();
const graph = new SeedGraph();
/** `Role:backend-developer` from a global id. */
const decode = (id: string) => Buffer.from(id, 'base64url').toString('utf8');

const TYPE_NAMES: Record<string, string> = {
  ROLE: 'Role',
  SKILL: 'Skill',
  TOOL: 'Tool',
  RESPONSIBILITY: 'Responsibility',
  CATEGORY: 'Category',
};
const ALL_KINDS = [
  'ROLE_SKILL',
  'ROLE_TOOL',
  'ROLE_RESPONSIBILITY',
  'RESPONSIBILITY_SKILL',
  'SKILL_TOOL',
  'SPECIALIZATION',
  'COLLABORATION',
  'CATEGORY',
];

/** One link of the seed graph: `Type:slug` ends, in the direction the API draws it. */
interface SeedEdge {
  kind: string;
  source: string;
  target: string;
  weight: number;
}

/** Every link of the seed file, worked out from the JSON alone. */
function seedEdges(): SeedEdge[] {
  const edges: SeedEdge[] = [];
  const add = (kind: string, source: string, target: string, w = 1) => edges.push({ kind, source, target, weight: w });
  for (const role of graph.list('roles')) {
    for (const l of graph.roleSkills.of(role.slug)) add('ROLE_SKILL', `Role:${role.slug}`, `Skill:${l.slug}`, curatedWeight(l));
    for (const l of graph.roleTools.of(role.slug)) add('ROLE_TOOL', `Role:${role.slug}`, `Tool:${l.slug}`, curatedWeight(l));
    for (const l of graph.roleResponsibilities.of(role.slug))
      add(
        'ROLE_RESPONSIBILITY',
        `Role:${role.slug}`,
        `Responsibility:${l.slug}`,
        curatedWeight({ ...l, importance: l.importance ?? 'ESSENTIAL' }),
      );
    if (role.broader) add('SPECIALIZATION', `Role:${role.broader}`, `Role:${role.slug}`);
    for (const l of graph.collaborators.of(role.slug)) if (role.slug < l.slug) add('COLLABORATION', `Role:${role.slug}`, `Role:${l.slug}`);
  }
  for (const r of graph.list('responsibilities'))
    for (const l of graph.responsibilitySkills.of(r.slug)) add('RESPONSIBILITY_SKILL', `Responsibility:${r.slug}`, `Skill:${l.slug}`);
  for (const s of graph.list('skills')) {
    for (const l of graph.skillTools.of(s.slug)) add('SKILL_TOOL', `Skill:${s.slug}`, `Tool:${l.slug}`);
    if (s.category) add('CATEGORY', `Skill:${s.slug}`, `Category:${s.category}`);
  }
  for (const t of graph.list('tools')) if (t.category) add('CATEGORY', `Tool:${t.slug}`, `Category:${t.category}`);
  for (const c of graph.list('categories')) if (c.parent) add('CATEGORY', `Category:${c.slug}`, `Category:${c.parent}`);
  return edges;
}

const EDGES = seedEdges();

/** The display name of a `Type:slug` node in the seed file. */
function label(node: string): string {
  const [type, slug] = node.split(':');
  const list = ({ Role: 'roles', Skill: 'skills', Tool: 'tools', Responsibility: 'responsibilities', Category: 'categories' } as const)[
    type as 'Role'
  ]!;
  return graph.record(list, slug).name;
}

/** An edge as a comparable string; collaboration has no direction of its own, so its ends are sorted. */
const edgeKey = (kind: string, a: string, b: string) =>
  kind === 'COLLABORATION' ? `${kind}|${[a, b].sort().join('|')}` : `${kind}|${a}|${b}`;

/**
 * The walk the API documents, done here over the seed file: breadth-first, each node's unseen
 * neighbours by weight descending, then name (ASCII case-insensitive), then type, then slug.
 */
function expectedWalk(root: string, depth: number, maxNodes: number, kinds = ALL_KINDS) {
  const edges = EDGES.filter((e) => kinds.includes(e.kind));
  const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const nodes = [{ node: root, level: 0, weight: 1 }];
  const seen = new Set([root]);
  let frontier = [root];
  let truncated = false;
  for (let level = 1; level <= depth && frontier.length && !truncated; level++) {
    const next: string[] = [];
    for (const from of frontier) {
      const best = new Map<string, number>();
      for (const e of edges) {
        const other = e.source === from ? e.target : e.target === from ? e.source : null;
        if (other && !seen.has(other)) best.set(other, Math.max(best.get(other) ?? 0, e.weight));
      }
      const ordered = [...best].sort(([a, wa], [b, wb]) => {
        const [ta, sa] = a.split(':');
        const [tb, sb] = b.split(':');
        const [la, lb] = [fold(label(a)), fold(label(b))];
        return (
          wb - wa ||
          (la < lb ? -1 : la > lb ? 1 : 0) ||
          (ta.toUpperCase() < tb.toUpperCase() ? -1 : ta.toUpperCase() > tb.toUpperCase() ? 1 : 0) ||
          (sa < sb ? -1 : 1)
        );
      });
      for (const [node, weight] of ordered) {
        if (seen.has(node)) continue;
        if (nodes.length >= maxNodes) {
          truncated = true;
          break;
        }
        seen.add(node);
        nodes.push({ node, level, weight });
        next.push(node);
      }
      if (truncated) break;
    }
    frontier = next;
  }
  const chosen = new Set(nodes.map((n) => n.node));
  const induced = edges.filter((e) => chosen.has(e.source) && chosen.has(e.target)).map((e) => edgeKey(e.kind, e.source, e.target));
  return { nodes, edges: induced.sort(), truncated };
}

const GRAPH = `query ($root: ID!, $depth: Int, $maxNodes: Int, $kinds: [SkillGraphEdgeKind!]) {
  skillGraph(root: $root, depth: $depth, maxNodes: $maxNodes, kinds: $kinds) {
    truncated
    nodes { id type label weight level }
    edges { id source target kind weight }
  }
}`;

const draw = async (variables: Record<string, unknown>) => (await atlas.server.data(GRAPH, variables)).skillGraph;
const ask = (variables: Record<string, unknown>) => atlas.server.query(GRAPH, variables);

/** The API's graph in the shape of expectedWalk. */
function shape(result: any) {
  return {
    nodes: result.nodes.map((n: any) => ({ node: decode(n.id), level: n.level, weight: n.weight })),
    edges: result.edges.map((e: any) => edgeKey(e.kind, decode(e.source), decode(e.target))).sort(),
    truncated: result.truncated,
  };
}

describe('skillGraph', () => {
  it('returns only the root at depth 0', async () => {
    const result = await draw({ root: toGlobalId('Role', 'backend-developer'), depth: 0 });
    expect(result).toEqual({
      truncated: false,
      nodes: [{ id: toGlobalId('Role', 'backend-developer'), type: 'ROLE', label: 'Backend Developer', weight: 1, level: 0 }],
      edges: [],
    });
  });

  it.each([
    ['Role', 'web-services-developer', 1],
    ['Role', 'web-services-developer', 2],
    ['Role', 'front-end-developer', 3],
    ['Skill', 'caching', 2],
    ['Tool', 'postgresql', 2],
    ['Responsibility', 'developing-and-maintaining-apis', 2],
    ['Category', 'databases', 2],
  ] satisfies [NodeType, string, number][])(
    'walks from the %s %s to depth %i exactly as the seed file works out',
    async (type, slug, depth) => {
      const expected = expectedWalk(`${type}:${slug}`, depth, 1000);
      const result = await draw({ root: toGlobalId(type, slug), depth, maxNodes: 1000 });
      expect(shape(result)).toEqual(expected);
      expect(expected.nodes.length).toBeGreaterThan(3);
    },
  );

  it('labels and types every node, and points every edge at two of the nodes', async () => {
    const result = await draw({ root: toGlobalId('Role', 'backend-developer'), depth: 2 });
    const ids = new Set(result.nodes.map((n: any) => n.id));
    expect(ids.size).toBe(result.nodes.length);
    for (const node of result.nodes) {
      expect(decode(node.id).split(':')[0]).toBe(TYPE_NAMES[node.type]);
      expect(node.label).toBe(label(decode(node.id)));
      expect(node.weight).toBeGreaterThan(0);
      expect(node.weight).toBeLessThanOrEqual(1);
    }
    expect(new Set(result.edges.map((e: any) => e.id)).size).toBe(result.edges.length);
    for (const edge of result.edges) {
      expect(ids.has(edge.source)).toBe(true);
      expect(ids.has(edge.target)).toBe(true);
      expect(edge.weight).toBeGreaterThan(0);
      expect(edge.weight).toBeLessThanOrEqual(1);
    }
  });

  it('reaches every node at level k > 0 by an edge from a node at level k - 1', async () => {
    const result = await draw({ root: toGlobalId('Skill', 'caching'), depth: 3 });
    const level = new Map(result.nodes.map((n: any) => [n.id, n.level]));
    for (const node of result.nodes.filter((n: any) => n.level > 0)) {
      const parents = result.edges.filter(
        (e: any) =>
          (e.source === node.id && level.get(e.target) === node.level - 1) ||
          (e.target === node.id && level.get(e.source) === node.level - 1),
      );
      expect(parents.length).toBeGreaterThan(0);
    }
  });

  it('follows and returns only the kinds asked for', async () => {
    const kinds = ['ROLE_SKILL', 'SKILL_TOOL'];
    const result = await draw({ root: toGlobalId('Role', 'backend-developer'), depth: 2, kinds, maxNodes: 1000 });
    expect(new Set(result.edges.map((e: any) => e.kind))).toEqual(new Set(kinds));
    expect(new Set(result.nodes.map((n: any) => n.type))).toEqual(new Set(['ROLE', 'SKILL', 'TOOL']));
    expect(shape(result)).toEqual(expectedWalk('Role:backend-developer', 2, 1000, kinds));
  });

  it('stops at maxNodes and says so with truncated, keeping the first nodes of the full walk', async () => {
    const root = toGlobalId('Role', 'backend-developer');
    const full = await draw({ root, depth: 2, maxNodes: 1000 });
    expect(full.truncated).toBe(false);
    const cut = await draw({ root, depth: 2, maxNodes: 25 });
    expect(cut.truncated).toBe(true);
    expect(cut.nodes).toEqual(full.nodes.slice(0, 25));
    expect(shape(cut)).toEqual(expectedWalk('Role:backend-developer', 2, 25));
  });

  it.each([[9], [17], [33], [65]])(
    'cuts a deeper level at maxNodes %i exactly as the seed file works out, wherever in the frontier it falls',
    async (maxNodes) => {
      const expected = expectedWalk('Skill:caching', 3, maxNodes);
      const result = await draw({ root: toGlobalId('Skill', 'caching'), depth: 3, maxNodes });
      expect(shape(result)).toEqual(expected);
      expect(expected.truncated).toBe(true);
      expect(Math.max(...expected.nodes.map((n) => n.level))).toBeGreaterThan(1);
    },
  );

  it('is not truncated when maxNodes is exactly the size of the walk', async () => {
    const root = toGlobalId('Role', 'web-services-developer');
    const full = await draw({ root, depth: 1, maxNodes: 1000 });
    const exact = await draw({ root, depth: 1, maxNodes: full.nodes.length });
    expect(exact).toEqual(full);
    expect((await draw({ root, depth: 1, maxNodes: full.nodes.length - 1 })).truncated).toBe(true);
  });

  it('answers the same query twice with the same result', async () => {
    const variables = { root: toGlobalId('Tool', 'git'), depth: 3, maxNodes: 150 };
    expect(await draw(variables)).toEqual(await draw(variables));
  });

  describe('edges, strongest first', () => {
    const SLICE = `query ($root: ID!, $maxNodes: Int, $first: Int, $offset: Int) {
      skillGraph(root: $root, depth: 2, maxNodes: $maxNodes) { edgeCount nodes { id } edges(first: $first, offset: $offset) { id source target weight } } }`;
    const slice = async (variables: Record<string, unknown>) => (await atlas.server.data(SLICE, variables)).skillGraph;
    const root = toGlobalId('Role', 'backend-developer');

    it('returns every link in slices that add up to edgeCount, in one order', async () => {
      const all = await slice({ root, maxNodes: 1000, first: 5000 });
      expect(all.edges).toHaveLength(all.edgeCount);
      expect(all.edgeCount).toBeGreaterThan(60);
      const parts = [await slice({ root, maxNodes: 1000, first: 25 }), await slice({ root, maxNodes: 1000, first: 25, offset: 25 })];
      expect(parts.map((p) => p.edgeCount)).toEqual([all.edgeCount, all.edgeCount]);
      expect([...parts[0].edges, ...parts[1].edges]).toEqual(all.edges.slice(0, 50));
    });

    it("puts the walk's tree first, so any slice of n - 1 links connects every node to the root", async () => {
      const graph = await slice({ root, maxNodes: 60, first: 59 });
      expect(graph.edgeCount).toBeGreaterThan(59);
      const reached = new Set([root]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const e of graph.edges)
          if (reached.has(e.source) !== reached.has(e.target)) {
            reached.add(e.source).add(e.target);
            grew = true;
          }
      }
      expect([...reached].sort()).toEqual(graph.nodes.map((n: any) => n.id).sort());
    });

    it.each([[-1], [5001]])('rejects first %i (0 to 5000) as BAD_USER_INPUT', async (first) => {
      const error = onlyError(await atlas.server.query(SLICE, { root, first }), 'BAD_USER_INPUT');
      expect(error.message).toContain('first');
    });

    it('gives each link the sources its own connection gives it', async () => {
      const answer = await atlas.server.data(`{ skillGraph(root: "${root}", depth: 1, kinds: [ROLE_SKILL, ROLE_TOOL, SPECIALIZATION]) {
        edges { kind source target sources { title } } } }`);
      const role = await atlas.server.data(`{ role(slug: "backend-developer") {
        skills(first: 100) { edges { node { id } sources { title } } } tools(first: 100) { edges { node { id } sources { title } } }
        specializations(first: 100) { edges { node { id } sources { title } } } } }`);
      const titles = (sources: { title: string }[]) => sources.map((s) => s.title);
      const expected = new Map<string, string[]>();
      for (const e of [...role.role.skills.edges, ...role.role.tools.edges]) expected.set(`${root}>${e.node.id}`, titles(e.sources));
      for (const e of role.role.specializations.edges) expected.set(`${root}>${e.node.id}`, titles(e.sources));
      const fromRoot = answer.skillGraph.edges.filter((e: any) => e.source === root);
      expect(new Map(fromRoot.map((e: any) => [`${e.source}>${e.target}`, titles(e.sources)]))).toEqual(expected);
      expect(fromRoot.filter((e: any) => e.kind === 'SPECIALIZATION' && e.sources.length > 0).length).toBeGreaterThan(2);
      expect(fromRoot.filter((e: any) => e.kind === 'ROLE_SKILL' && e.sources.length > 0).length).toBeGreaterThan(5);
    });
  });

  it('answers an unknown root with NOT_FOUND', async () => {
    const root = toGlobalId('Skill', 'telepathy');
    const error = onlyError(await ask({ root }), 'NOT_FOUND');
    expect(error.message).toContain(root);
  });

  it.each([['backend-developer'], ['not an id'], [toGlobalId('Unicorn' as NodeType, 'sparkle')]])(
    'rejects the root %s (not a global id) as BAD_USER_INPUT',
    async (root) => {
      const error = onlyError(await ask({ root }), 'BAD_USER_INPUT');
      expect(error.message).toContain(root);
    },
  );

  it('rejects a source as the root: sources are not part of the graph', async () => {
    const root = toGlobalId('Source', graph.list('sources')[0].slug);
    const error = onlyError(await ask({ root }), 'BAD_USER_INPUT');
    expect(error.message).toContain('Source');
  });

  it.each([[-1], [MAX_GRAPH_DEPTH + 1]])(`rejects depth %i (0 to ${MAX_GRAPH_DEPTH}) as BAD_USER_INPUT`, async (depth) => {
    const error = onlyError(await ask({ root: toGlobalId('Role', 'backend-developer'), depth }), 'BAD_USER_INPUT');
    expect(error.message).toContain('depth');
  });

  it.each([[0], [MAX_GRAPH_NODES + 1]])(`rejects maxNodes %i (1 to ${MAX_GRAPH_NODES}) as BAD_USER_INPUT`, async (maxNodes) => {
    const error = onlyError(await ask({ root: toGlobalId('Role', 'backend-developer'), maxNodes }), 'BAD_USER_INPUT');
    expect(error.message).toContain('maxNodes');
  });

  it('rejects kinds: [] as BAD_USER_INPUT', async () => {
    const error = onlyError(await ask({ root: toGlobalId('Role', 'backend-developer'), kinds: [] }), 'BAD_USER_INPUT');
    expect(error.message).toContain('kinds');
  });
});
