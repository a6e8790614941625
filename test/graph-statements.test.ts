import { toGlobalId } from '../src/shared/global-id';
import { useTwoSizes } from './helpers/two-sizes';

const TOOLS = `tool { name }`;

/** One role's related roles, with every explanation field: role, ranking, shared items. */
const RELATED_OF_ONE = `{ role(slug: "backend-developer") {
  relatedRoles(first: 100) { totalCount edges { score onetRank onetTier node { name } sharedSkills { contribution skill { name } } sharedTools { contribution ${TOOLS} } } }
} }`;

/** The related roles of every role of a page: still one ranking statement for all of them. */
const RELATED_OF_ALL = `{ roles(first: 100) { nodes { name
  relatedRoles(first: 5) { totalCount edges { score node { name } sharedSkills { skill { name } } sharedTools { ${TOOLS} } } }
} } }`;

const MATCH = `{ matchRoles(tools: ["python", "postgresql", "docker", "rest"], skills: ["caching", "communication"], first: 100) {
  totalCount edges { score node { name } matchedSkills { weight skill { name } } matchedTools { ${TOOLS} } missingEssentialSkills { skill { name } } missingEssentialTools { ${TOOLS} } }
} }`;

const GAP_FIELDS = `from { name } to { name } coverage
  missingEssentialSkills { weight skill { name } } missingOptionalSkills { skill { name } } coveredSkills { skill { name } }
  missingEssentialTools { ${TOOLS} } missingOptionalTools { ${TOOLS} } coveredTools { ${TOOLS} }`;
const GAP_FROM_ROLE = `{ skillGap(from: "web-developer", to: "backend-developer") { ${GAP_FIELDS} } }`;
const GAP_FROM_ITEMS = `{ skillGap(have: ["python", "rest", "caching"], to: "backend-developer") { ${GAP_FIELDS} } }`;

const graphQuery = (depth: number, root = toGlobalId('Role', 'backend-developer')) =>
  `{ skillGraph(root: "${root}", depth: ${depth}, maxNodes: 1000) { truncated nodes { id type label weight level } edges { source target kind weight } } }`;

describe('statements per graph query, on the seeds and on a dataset ten times larger', () => {
  const { seeds, large, onBoth } = useTwoSizes();

  it("runs 3 statements for one role's related roles with their shared items (role, ranking, items)", async () => {
    const { small, big } = await onBoth(RELATED_OF_ONE);
    expect(small.statements).toBe(3);
    expect(small.data.role.relatedRoles.totalCount).toBeGreaterThan(5);
    expect(big.data.role.relatedRoles.totalCount).toBe(small.data.role.relatedRoles.totalCount);
  });

  it('runs 3 statements for the related roles of every role in a page of 100 (18 roles on the seeds, 100 on the large set)', async () => {
    const { small, big } = await onBoth(RELATED_OF_ALL);
    expect(small.statements).toBe(3);
    expect(small.data.roles.nodes).toHaveLength(18);
    expect(big.data.roles.nodes).toHaveLength(100);
  });

  it('runs 3 statements for matchRoles with its explanations (items, ranking, matched and missing items)', async () => {
    const { small } = await onBoth(MATCH);
    expect(small.statements).toBe(3);
    expect(small.data.matchRoles.totalCount).toBeGreaterThanOrEqual(3);
  });

  it('runs 2 statements for skillGap from a role (the two roles, the gap)', async () => {
    const { small } = await onBoth(GAP_FROM_ROLE);
    expect(small.statements).toBe(2);
    expect(small.data.skillGap.coveredTools.length).toBeGreaterThan(0);
  });

  it('runs 3 statements for skillGap from skills and tools (the items, the role, the gap)', async () => {
    const { small } = await onBoth(GAP_FROM_ITEMS);
    expect(small.statements).toBe(3);
  });

  it.each([1, 2, 3, 4])('runs at most depth + 2 statements for skillGraph to depth %i (root, one per level, edges)', async (depth) => {
    // The copies of the large set share their categories, so its walk is larger: it can fill
    // maxNodes and stop a level early, which only ever saves a statement.
    const small = await seeds.run(graphQuery(depth));
    const big = await large.run(graphQuery(depth));
    expect(small.statements).toBe(depth + 2);
    expect(big.statements).toBeLessThanOrEqual(depth + 2);
    expect(big.data.skillGraph.nodes.length).toBeGreaterThanOrEqual(small.data.skillGraph.nodes.length);
  });

  it('runs one more statement for the sources of every link of a skill graph, however many links there are', async () => {
    // From a category the walk reaches the skills and tools of every copy: ten times the links on the large set.
    // Depth 2 keeps the large request well within the data-version poll (a second), whose read would count.
    const query = `{ skillGraph(root: "${toGlobalId('Category', 'databases')}", depth: 2, maxNodes: 1000) {
      edgeCount edges(first: 5000) { kind sources { title version } } } }`;
    const { small, big } = await onBoth(query);
    expect(small.statements).toBe(2 + 2 + 1);
    const cited = (answer: any) => answer.skillGraph.edges.filter((e: any) => e.sources.length > 0).length;
    expect(cited(small.data)).toBeGreaterThan(10);
    expect(cited(big.data)).toBeGreaterThan(cited(small.data));
    expect(big.data.skillGraph.edges).toHaveLength(big.data.skillGraph.edgeCount);
  });

  it('runs depth + 2 statements for skillGraph on both sizes when the walk is not cut short', async () => {
    // The ten copies share the categories: from one, the walk reaches the skills and tools of every copy.
    const { small, big } = await onBoth(graphQuery(2, toGlobalId('Category', 'databases')));
    expect(small.statements).toBe(4);
    expect(big.data.skillGraph.truncated).toBe(false);
    expect(big.data.skillGraph.nodes.length).toBeGreaterThan(small.data.skillGraph.nodes.length);
  });

  it('runs 1 statement for skillGraph at depth 0 (the root)', async () => {
    const { small } = await onBoth(graphQuery(0));
    expect(small.statements).toBe(1);
  });
});
