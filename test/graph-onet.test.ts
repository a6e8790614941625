import { toGlobalId } from '../src/shared/global-id';
import { seededOnetDatabase } from './helpers/datasets';
import { useServedDatabase } from './helpers/served-database';
import { matchScore } from './helpers/expected-weights';

const RELATED = `query ($slug: String!) { role(slug: $slug) {
  relatedRoles(first: 25) { totalCount edges { score sharedWeight unionWeight onetRank onetTier node { slug }
    sharedSkills { weight relatedWeight contribution skill { slug } } sharedTools { contribution tool { slug } } } }
  relatedOccupations(first: 100) { edges { rank tier node { slug } } }
} }`;

const MATCH = `{ matchRoles(tools: ["python", "postgresql", "docker", "git", "linux"], skills: ["programming"], first: 20) {
  totalCount edges { score matchedWeight totalWeight givenCount node { slug } matchedSkills { weight skill { slug } } matchedTools { weight tool { slug } }
    missingEssentialSkills { skill { slug } } missingEssentialTools { tool { slug } } }
} }`;

const GAP = `{ skillGap(from: "web-developers", to: "computer-programmers") {
  coverage coveredWeight totalWeight
  missingEssentialSkills { ...S } missingOptionalSkills { ...S } coveredSkills { ...S }
  missingEssentialTools { ...T } missingOptionalTools { ...T } coveredTools { ...T }
} }
fragment S on WeightedSkill { importance importanceScore weight skill { slug } }
fragment T on WeightedTool { importance weight tool { slug } }`;

const GRAPH = `{ skillGraph(root: "${toGlobalId('Role', 'computer-programmers')}", depth: 2, maxNodes: 1000) { truncated nodes { id } edges { source target } } }`;

describe('graph queries on the O*NET 29.3 release', () => {
  const { run } = useServedDatabase(seededOnetDatabase, 120_000);

  it("exposes O*NET's rank and tier beside the similarity of Software Developers' related roles, as Related Occupations lists them", async () => {
    const { data } = await run(RELATED, { slug: 'software-developers' });
    const onet = new Map(data.role.relatedOccupations.edges.map((e: any) => [e.node.slug, e]));
    const edges = data.role.relatedRoles.edges;
    const ranked = edges.filter((e: any) => e.onetRank !== null);
    expect(ranked.length).toBeGreaterThan(3);
    for (const edge of edges) {
      const listed: any = onet.get(edge.node.slug);
      expect([edge.onetRank, edge.onetTier]).toEqual(listed ? [listed.rank, listed.tier] : [null, null]);
    }
  });

  it("ranks Software Developers' related roles by a score in [0, 1] that its shared items add up to", async () => {
    const { data } = await run(RELATED, { slug: 'software-developers' });
    const edges = data.role.relatedRoles.edges;
    expect(data.role.relatedRoles.totalCount).toBeGreaterThan(100);
    edges.forEach((edge: any, i: number) => {
      expect(edge.score).toBeGreaterThan(0);
      expect(edge.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(edge.score).toBeLessThanOrEqual(edges[i - 1].score);
      expect(edge.score).toBeCloseTo(edge.sharedWeight / edge.unionWeight, 9);
      const sum = [...edge.sharedSkills, ...edge.sharedTools].reduce((total: number, s: any) => total + s.contribution, 0);
      expect(sum).toBeCloseTo(edge.sharedWeight, 9);
    });
  });

  it('weighs an O*NET-rated skill importanceScore / 5 in a skill gap, and the gap adds up to its coverage', async () => {
    const { data, statements } = await run(GAP);
    const gap = data.skillGap;
    const skills = [...gap.missingEssentialSkills, ...gap.missingOptionalSkills, ...gap.coveredSkills];
    const rated = skills.filter((s: any) => s.importanceScore !== null);
    expect(rated.length).toBeGreaterThan(10);
    for (const s of rated) expect(s.weight).toBe(Math.round((s.importanceScore / 5) * 65536) / 65536);
    const all = [...skills, ...gap.missingEssentialTools, ...gap.missingOptionalTools, ...gap.coveredTools];
    expect(all.reduce((total: number, i: any) => total + i.weight, 0)).toBeCloseTo(gap.totalWeight, 9);
    expect(gap.coverage).toBeCloseTo(gap.coveredWeight / gap.totalWeight, 12);
    expect(statements).toBe(2);
  });

  it('matches roles on the whole release in 3 statements, each score explained by its matched items', async () => {
    const { data, statements } = await run(MATCH);
    expect(statements).toBe(3);
    expect(data.matchRoles.totalCount).toBeGreaterThan(100);
    for (const edge of data.matchRoles.edges) {
      expect(edge.score).toBeLessThanOrEqual(1);
      const matched = [...edge.matchedSkills, ...edge.matchedTools].reduce((total: number, m: any) => total + m.weight, 0);
      expect(matched).toBeCloseTo(edge.matchedWeight, 9);
      expect(edge.givenCount).toBe(6);
      expect(edge.score).toBeCloseTo(matchScore(edge.matchedWeight / edge.totalWeight, edge.matchedWeight / 6), 12);
    }
  });

  it("pages past the stored head of Software Developers' ranking from the links, in one more statement, agreeing with the head where they overlap", async () => {
    const page = `query ($after: String) { role(slug: "software-developers") { relatedRoles(first: 100, after: $after) {
      totalCount pageInfo { endCursor } edges { score sharedWeight unionWeight onetRank node { slug } sharedSkills { contribution skill { slug } } sharedTools { contribution tool { slug } } }
    } } }`;
    const half = await run(`{ role(slug: "software-developers") { relatedRoles(first: 50) { pageInfo { endCursor } } } }`);
    const head = await run(page);
    const deep = await run(page, { after: half.data.role.relatedRoles.pageInfo.endCursor });
    expect([head.statements, deep.statements]).toEqual([3, 4]);
    const [stored, computed] = [head.data.role.relatedRoles, deep.data.role.relatedRoles];
    expect(computed.totalCount).toBe(stored.totalCount);
    expect(computed.edges).toHaveLength(Math.min(100, stored.totalCount - 50));
    expect(JSON.stringify(computed.edges.slice(0, 50))).toBe(JSON.stringify(stored.edges.slice(50)));
  });

  it("returns 5 of a dense neighbourhood's links per node unless asked for more: Python's 200 nodes, 20 links each", async () => {
    const python = toGlobalId('Tool', 'python');
    const slice = (first: string) =>
      run(`{ skillGraph(root: "${python}", depth: 2, maxNodes: 200) { edgeCount nodes { id } edges${first} { source target kind } } }`);
    const [cut, all] = [(await slice('')).data.skillGraph, (await slice('(first: 5000)')).data.skillGraph];
    expect(cut.edgeCount).toBeGreaterThan(10 * 200);
    expect(cut.edges).toHaveLength(5 * 200);
    expect(all.edges).toHaveLength(all.edgeCount);
    expect(cut.edges).toEqual(all.edges.slice(0, 5 * 200));
    // The slice starts with the walk's tree: every node keeps at least its link towards the root.
    const degree = new Map<string, number>(cut.nodes.map((n: any) => [n.id, 0]));
    for (const e of cut.edges) for (const end of [e.source, e.target]) degree.set(end, degree.get(end)! + 1);
    expect(Math.min(...degree.values())).toBeGreaterThan(0);
  });

  it('keeps the statement counts it has on the seeds: 3 for related roles, 4 for a graph of depth 2', async () => {
    const related = await run(
      `{ role(slug: "software-developers") { relatedRoles(first: 100) { edges { score node { name } sharedSkills { skill { name } } sharedTools { tool { name } } } } } }`,
    );
    expect(related.statements).toBe(3);
    const graph = await run(GRAPH);
    expect(graph.statements).toBe(4);
    expect(graph.data.skillGraph.nodes.length).toBeGreaterThan(100);
  });
});
