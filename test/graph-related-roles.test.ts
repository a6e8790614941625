import { expectedRelated as expectedRelatedIn, similarity as similarityIn } from './helpers/expected-similarity';
import { curatedWeight } from './helpers/expected-weights';
import { byName, SeedGraph } from './helpers/seed-graph';
import { onlyError } from './helpers/graphql-errors';
import { useSeededServer } from './helpers/served-database';

const atlas = useSeededServer();
const graph = new SeedGraph();

const similarity = (a: string, b: string) => similarityIn(graph.dataset, a, b);
const expectedRelated = (role: string) => expectedRelatedIn(graph.dataset, role);

const RELATED = `query ($slug: String!, $first: Int, $after: String) {
  role(slug: $slug) {
    relatedRoles(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        score sharedWeight unionWeight onetRank onetTier
        node { slug name }
        sharedSkills { skill { slug name } importance relatedImportance weight relatedWeight contribution }
        sharedTools { tool { slug name } importance relatedImportance weight relatedWeight contribution }
      }
    }
  }
}`;

const related = async (slug: string, first = 100, after?: string) =>
  (await atlas.server.data(RELATED, { slug, first, after })).role.relatedRoles;

describe('Role.relatedRoles', () => {
  it('ranks every role sharing a skill or tool with the back-end developer by weighted Jaccard, as the seed file works out', async () => {
    const expected = expectedRelated('backend-developer');
    const { edges, totalCount } = await related('backend-developer');
    expect(expected.length).toBeGreaterThan(5);
    expect(totalCount).toBe(expected.length);
    expect(edges.map((e: any) => e.node.slug)).toEqual(expected.map((e) => e.slug));
    edges.forEach((edge: any, i: number) => expect(edge.score).toBeCloseTo(expected[i].score, 12));
  });

  it('gives scores between 0 and 1, each equal to sharedWeight / unionWeight', async () => {
    for (const role of ['backend-developer', 'web-developer', 'web-services-developer', 'front-end-developer']) {
      for (const edge of (await related(role)).edges) {
        expect(edge.score).toBeGreaterThan(0);
        expect(edge.score).toBeLessThanOrEqual(1);
        expect(edge.score).toBeCloseTo(edge.sharedWeight / edge.unionWeight, 12);
      }
    }
  });

  it('explains each score with the shared skills and tools, whose contributions add up to sharedWeight', async () => {
    for (const edge of (await related('web-developer')).edges) {
      const items = [
        ...edge.sharedSkills.map((s: any) => `Skill:${s.skill.slug}`),
        ...edge.sharedTools.map((t: any) => `Tool:${t.tool.slug}`),
      ];
      expect(items.sort()).toEqual(similarity('web-developer', edge.node.slug).shared);
      const contributions = [...edge.sharedSkills, ...edge.sharedTools].map((s: any) => s.contribution);
      expect(contributions.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(edge.sharedWeight, 12);
      for (const item of [...edge.sharedSkills, ...edge.sharedTools]) {
        expect(item.contribution).toBe(Math.min(item.weight, item.relatedWeight));
        const slug = (item.skill ?? item.tool).slug;
        const linkOf = (role: string) => [...graph.roleSkills.of(role), ...graph.roleTools.of(role)].find((l) => l.slug === slug)!;
        expect(item.weight).toBeCloseTo(curatedWeight(linkOf('web-developer')), 12);
        expect(item.relatedWeight).toBeCloseTo(curatedWeight(linkOf(edge.node.slug)), 12);
      }
    }
  });

  it('lists shared items by contribution, then by name', async () => {
    const edge = (await related('web-services-developer')).edges.find((e: any) => e.node.slug === 'backend-developer');
    const skills: { name: string; contribution: number }[] = edge.sharedSkills.map((s: any) => ({
      name: s.skill.name,
      contribution: s.contribution,
    }));
    expect(skills).toEqual(byName(skills).sort((a, b) => b.contribution - a.contribution));
    expect(edge.sharedTools.map((t: any) => t.tool.slug)).toEqual(['rest', 'soap']);
  });

  it('gives null onetRank and onetTier where O*NET ranks nothing (the curated seeds)', async () => {
    for (const edge of (await related('backend-developer')).edges) {
      expect(edge.onetRank).toBeNull();
      expect(edge.onetTier).toBeNull();
    }
  });

  it('pages with first and after, the pages adding up to the whole list', async () => {
    const whole = await related('backend-developer');
    const first = await related('backend-developer', 3);
    const second = await related('backend-developer', 3, first.pageInfo.endCursor);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect([...first.edges, ...second.edges]).toEqual(whole.edges.slice(0, 6));
    expect(second.totalCount).toBe(whole.totalCount);
  });

  it('is empty for a role with no skills or tools', async () => {
    const { edges, totalCount } = await related('product-manager');
    expect(edges).toEqual([]);
    expect(totalCount).toBe(0);
  });

  it('answers the same query twice with the same result', async () => {
    expect(await related('full-stack-developer')).toEqual(await related('full-stack-developer'));
  });

  it('loads related roles for every role of a list in one request', async () => {
    const data = await atlas.server.data(`{ roles(first: 100) { nodes { slug relatedRoles(first: 2) { totalCount nodes { slug } } } } }`);
    for (const role of data.roles.nodes) {
      const expected = expectedRelated(role.slug);
      expect(role.relatedRoles.totalCount).toBe(expected.length);
      expect(role.relatedRoles.nodes.map((n: any) => n.slug)).toEqual(expected.slice(0, 2).map((e) => e.slug));
    }
  });

  it('rejects first: 0 as BAD_USER_INPUT', async () => {
    const error = onlyError(
      await atlas.server.query(`{ role(slug: "backend-developer") { relatedRoles(first: 0) { totalCount } } }`),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('first');
  });
});

describe('Role.relatedRoles next to O*NET related occupations', () => {
  const onet = useSeededServer();

  beforeAll(async () => {
    // What an O*NET import writes: "API Integration Developer" ranked 3rd among the back-end developer's related occupations.
    await onet.dataSource.query(
      `INSERT INTO "role_related" ("roleId", "relatedRoleId", "tier", "rank")
       SELECT a."id", b."id", 'Primary-Short', 3 FROM "role" a, "role" b WHERE a."slug" = 'backend-developer' AND b."slug" = 'api-integration-developer'`,
    );
  });

  it('exposes onetRank and onetTier on the edge to that role, and null on the others', async () => {
    const data = await onet.server.data(RELATED, { slug: 'backend-developer', first: 100 });
    const edges = data.role.relatedRoles.edges;
    const ranked = edges.filter((e: any) => e.onetRank !== null);
    expect(ranked.map((e: any) => [e.node.slug, e.onetRank, e.onetTier])).toEqual([['api-integration-developer', 3, 'Primary-Short']]);
  });

  it('keeps the ranking by score: the O*NET rank is shown beside it, not mixed in', async () => {
    const data = await onet.server.data(RELATED, { slug: 'backend-developer', first: 100 });
    expect(data.role.relatedRoles.edges.map((e: any) => e.node.slug)).toEqual(expectedRelated('backend-developer').map((e) => e.slug));
  });

  it('reads the O*NET link in its own direction only (from this role to the related one)', async () => {
    const data = await onet.server.data(RELATED, { slug: 'api-integration-developer', first: 100 });
    const back = data.role.relatedRoles.edges.find((e: any) => e.node.slug === 'backend-developer');
    expect(back.onetRank).toBeNull();
  });
});
