import { readFileSync } from 'node:fs';
import { parse, print, separateOperations } from 'graphql';
import { explorerFile } from '../src/explore/explore.route';
import { toGlobalId } from '../src/shared/global-id';
import { SHIPPED_LIMITS } from './helpers/limits';
import { useSeededServer } from './helpers/served-database';

/** The page's operations, by name, each with the fragments it spreads, as the page sends them (one per request). */
function pageOperations(): Map<string, string> {
  const document = parse(readFileSync(explorerFile('/explore/explore.graphql'), 'utf8'));
  return new Map(Object.entries(separateOperations(document)).map(([name, operation]) => [name, print(operation)]));
}

/** The sizes the page asks for, read from the line of explore.js that declares them. */
function pageLimits(): {
  depth: number[];
  maxNodes: number[];
  expandNodes: number;
  edgesPerNode: number;
  edgeSlice: number;
  sourcesSlice: number;
  matchFirst: number;
  searchFirst: number;
} {
  const script = readFileSync(explorerFile('/explore/explore.js'), 'utf8');
  const line = /const LIMITS = (\{[^}]*\});/.exec(script);
  if (!line) throw new Error('explore.js no longer declares `const LIMITS = { … };`');
  return JSON.parse(line[1].replace(/(\w+):/g, '"$1":').replace(/,\s*\}$/, '}'));
}

const limits = pageLimits();
const ids = (type: 'Role' | 'Skill', slugs: string[]) => slugs.map((slug) => toGlobalId(type, slug));
const manyIds = Array.from({ length: 100 }, (_, i) => toGlobalId('Skill', `skill-${i}`));
const role = toGlobalId('Role', 'backend-developer');
/** The largest graph the page draws, and the largest expansion. */
const BIGGEST = { root: role, depth: Math.max(...limits.depth), maxNodes: Math.max(...limits.maxNodes) };
const EXPANSION = { root: role, depth: 1, maxNodes: limits.expandNodes };

/** Each operation at the largest variables the page sends it with. */
const WORST_CASES: Record<string, Record<string, unknown>[]> = {
  ExploreSearch: [{ query: 'kube', first: limits.searchFirst }],
  ExploreBySlug: [{ slug: 'backend-developer' }],
  ExploreGraph: [
    { ...BIGGEST, first: limits.edgesPerNode * BIGGEST.maxNodes },
    { ...EXPANSION, first: limits.edgesPerNode * EXPANSION.maxNodes },
  ],
  ExploreGraphEdges: [{ ...BIGGEST, first: limits.edgeSlice, offset: 0 }],
  ExploreGraphSources: [{ ...BIGGEST, first: limits.sourcesSlice, offset: 0 }],
  ExploreProvenance: [{ ids: manyIds }],
  ExploreEntity: [{ id: role }],
  ExploreGap: [
    { to: 'backend-developer', from: 'front-end-developer' },
    { to: 'backend-developer', have: ids('Skill', ['caching']) },
  ],
  ExploreMatch: [{ skills: ['caching', 'ci-cd'], tools: ['kubernetes'], first: limits.matchFirst }],
};

describe('the explorer’s queries under the shipped cost limits', () => {
  const atlas = useSeededServer(SHIPPED_LIMITS);
  const operations = pageOperations();

  it('prices every operation the page sends', () => {
    expect([...operations.keys()].sort()).toEqual(Object.keys(WORST_CASES).sort());
  });

  it.each(Object.entries(WORST_CASES).flatMap(([name, cases]) => cases.map((variables) => [name, variables] as const)))(
    '%s with %j is answered, within the cost limit',
    async (name, variables) => {
      const response = await atlas.server.query(operations.get(name)!, variables);
      expect(response.errors).toBeUndefined();
      expect(response.extensions?.cost.limit).toBe(SHIPPED_LIMITS.maxCost);
      expect(response.extensions?.cost.requested).toBeLessThanOrEqual(SHIPPED_LIMITS.maxCost);
    },
  );

  it.each(['ExploreGraphEdges', 'ExploreGraphSources'])(
    '%s reads slices of links costing more than half the limit, so the check above is not trivially met',
    async (name) => {
      const response = await atlas.server.query(operations.get(name)!, WORST_CASES[name][0]);
      expect(response.extensions?.cost.requested).toBeGreaterThan(SHIPPED_LIMITS.maxCost / 2);
    },
  );
});
