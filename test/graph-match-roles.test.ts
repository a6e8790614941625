import { MAX_ITEMS } from '../src/graph/graph.inputs';
import { toGlobalId, type NodeType } from '../src/shared/global-id';
import { byScoreThenName, curatedWeight, matchScore } from './helpers/expected-weights';
import { onlyError } from './helpers/graphql-errors';
import { byName, SeedGraph } from './helpers/seed-graph';
import { useSeededServer } from './helpers/served-database';

const atlas = useSeededServer();
const graph = new SeedGraph();

/** The four tools a typical back-end CV names; all four are tools in the seed file. */
const BACKEND_CV = ['python', 'postgresql', 'docker', 'rest'];

/**
 * Every role's match to a set of skill and tool slugs, worked out from the seed file alone: the
 * F-measure (β = 0.5) of coverage (matched / total weight) and usage (matched weight / items given); best first, then by name.
 */
function expectedMatches(have: readonly string[]) {
  const matches = graph.dataset.roles!.map((role) => {
    const links = [
      ...graph.roleSkills.of(role.slug).map((l) => ({ ...l, type: 'Skill' })),
      ...graph.roleTools.of(role.slug).map((l) => ({ ...l, type: 'Tool' })),
    ];
    const total = links.reduce((sum, l) => sum + curatedWeight(l), 0);
    const matched = links.filter((l) => have.includes(l.slug));
    const matchedWeight = matched.reduce((sum, l) => sum + curatedWeight(l), 0);
    const missingEssentials = links.filter((l) => !have.includes(l.slug) && l.importance === 'ESSENTIAL');
    const coverage = total === 0 ? 0 : matchedWeight / total;
    const usage = matchedWeight / have.length;
    const score = matchScore(coverage, usage);
    return { slug: role.slug, name: role.name, score, matched, missingEssentials };
  });
  return byScoreThenName(byName(matches.filter((m) => m.matched.length > 0)));
}

const MATCH = `query ($skills: [ID!], $tools: [ID!], $first: Int, $after: String) {
  matchRoles(skills: $skills, tools: $tools, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      score coverage usage givenCount matchedWeight totalWeight
      node { slug name }
      matchedSkills { skill { slug name } importance weight }
      matchedTools { tool { slug name } importance weight }
      missingEssentialSkills { skill { slug name } importance weight }
      missingEssentialTools { tool { slug name } importance weight }
    }
  }
}`;

const match = async (variables: Record<string, unknown>) => (await atlas.server.data(MATCH, { first: 100, ...variables })).matchRoles;
const ask = (variables: Record<string, unknown>) => atlas.server.query(MATCH, variables);

describe('matchRoles', () => {
  it('ranks the back-end developer first for Python, PostgreSQL, Docker and REST', async () => {
    const { edges } = await match({ tools: BACKEND_CV });
    expect(edges[0].node.slug).toBe('backend-developer');
    expect(edges[0].matchedTools.map((t: any) => t.tool.slug).sort()).toEqual([...BACKEND_CV].sort());
  });

  it('ranks every role with one of the items by weighted coverage, as the seed file works out', async () => {
    for (const have of [BACKEND_CV, ['caching', 'communication', 'git', 'javascript'], ['html', 'css']]) {
      const expected = expectedMatches(have);
      const { edges, totalCount } = await match({ skills: have });
      expect(totalCount).toBe(expected.length);
      expect(edges.map((e: any) => e.node.slug)).toEqual(expected.map((e) => e.slug));
      edges.forEach((edge: any, i: number) => expect(edge.score).toBeCloseTo(expected[i].score, 12));
    }
  });

  it('gives scores between 0 and 1, the F-measure of coverage and usage, with matchedWeight the sum of the matched items', async () => {
    const { edges } = await match({ skills: ['caching', 'communication'], tools: ['git', 'javascript'] });
    expect(edges.length).toBeGreaterThan(2);
    for (const edge of edges) {
      expect(edge.score).toBeGreaterThan(0);
      expect(edge.score).toBeLessThanOrEqual(1);
      expect(edge.givenCount).toBe(4);
      expect(edge.coverage).toBeCloseTo(edge.matchedWeight / edge.totalWeight, 12);
      expect(edge.usage).toBeCloseTo(edge.matchedWeight / 4, 12);
      expect(edge.score).toBeCloseTo(matchScore(edge.coverage, edge.usage), 12);
      const matched = [...edge.matchedSkills, ...edge.matchedTools];
      expect(matched.reduce((sum: number, m: any) => sum + m.weight, 0)).toBeCloseTo(edge.matchedWeight, 12);
      const links = [...graph.roleSkills.of(edge.node.slug), ...graph.roleTools.of(edge.node.slug)];
      for (const item of matched) {
        const link = links.find((l) => l.slug === (item.skill ?? item.tool).slug)!;
        expect(item.weight).toBeCloseTo(curatedWeight(link), 12);
      }
    }
  });

  it('lists the missing essentials of each role, and only those', async () => {
    const expected = expectedMatches(BACKEND_CV);
    const { edges } = await match({ tools: BACKEND_CV });
    edges.forEach((edge: any, i: number) => {
      const missing = [
        ...edge.missingEssentialSkills.map((s: any) => s.skill.slug),
        ...edge.missingEssentialTools.map((t: any) => t.tool.slug),
      ];
      expect(missing.sort()).toEqual(expected[i].missingEssentials.map((l) => l.slug).sort());
      for (const item of [...edge.missingEssentialSkills, ...edge.missingEssentialTools]) expect(item.importance).toBe('ESSENTIAL');
    });
  });

  it('lists matched and missing items heaviest first, then by name', async () => {
    const backend = (await match({ tools: BACKEND_CV })).edges.find((e: any) => e.node.slug === 'backend-developer');
    const tools: { name: string; weight: number }[] = backend.matchedTools.map((t: any) => ({ name: t.tool.name, weight: t.weight }));
    expect(tools).toEqual(byName(tools).sort((a, b) => b.weight - a.weight));
    const skills: { name: string; weight: number }[] = backend.missingEssentialSkills.map((s: any) => ({
      name: s.skill.name,
      weight: s.weight,
    }));
    expect(skills).toEqual(byName(skills).sort((a, b) => b.weight - a.weight));
  });

  it('accepts a tool slug in `skills` and a skill slug in `tools`: slugs are looked up in both', async () => {
    const asTools = await match({ tools: BACKEND_CV, skills: ['caching'] });
    const swapped = await match({ skills: BACKEND_CV, tools: ['caching'] });
    expect(swapped).toEqual(asTools);
  });

  it('accepts global ids as well as slugs', async () => {
    const bySlug = await match({ tools: BACKEND_CV, skills: ['caching'] });
    const byId = await match({ tools: BACKEND_CV.map((s) => toGlobalId('Tool', s)), skills: [toGlobalId('Skill', 'caching')] });
    expect(byId).toEqual(bySlug);
  });

  it('pages with first and after', async () => {
    const whole = await match({ skills: ['communication', 'git'] });
    const first = await match({ skills: ['communication', 'git'], first: 2 });
    const second = await match({ skills: ['communication', 'git'], first: 2, after: first.pageInfo.endCursor });
    expect([...first.edges, ...second.edges]).toEqual(whole.edges.slice(0, 4));
    expect(first.totalCount).toBe(whole.totalCount);
  });

  it('pages backwards with last', async () => {
    const whole = await match({ skills: ['communication', 'git'] });
    const last = (await atlas.server.data(MATCH.replace('first: $first', 'last: $first'), { skills: ['communication', 'git'], first: 2 }))
      .matchRoles;
    expect(last.edges).toEqual(whole.edges.slice(-2));
  });

  it('is empty, with totalCount 0, when no role has any of the items', async () => {
    // Every seed tool is on some role, so add one that is on none.
    await atlas.dataSource.query(`INSERT INTO "tool" ("slug", "name") VALUES ('unused-gadget', 'Unused gadget')`);
    const { edges, totalCount } = await match({ tools: ['unused-gadget'] });
    expect(edges).toEqual([]);
    expect(totalCount).toBe(0);
  });

  it('answers the same query twice with the same result', async () => {
    expect(await match({ tools: BACKEND_CV, skills: ['communication'] })).toEqual(
      await match({ tools: BACKEND_CV, skills: ['communication'] }),
    );
  });

  it('answers unknown skills and tools with one NOT_FOUND listing all of them', async () => {
    const error = onlyError(await ask({ skills: ['python', 'cobol-wizardry'], tools: ['docker', 'quantum-excel'] }), 'NOT_FOUND');
    expect(error.message).toContain('"cobol-wizardry"');
    expect(error.message).toContain('"quantum-excel"');
    expect(error.extensions?.unknown).toEqual(['cobol-wizardry', 'quantum-excel']);
  });

  it('answers an id of a skill that does not exist with NOT_FOUND', async () => {
    const id = toGlobalId('Skill', 'python'); // python is a tool, not a skill
    const error = onlyError(await ask({ skills: [id] }), 'NOT_FOUND');
    expect(error.extensions?.unknown).toEqual([id]);
  });

  it.each([['Not A Slug'], [toGlobalId('Unicorn' as NodeType, 'sparkle')]])(
    'rejects the malformed value %s as BAD_USER_INPUT',
    async (value) => {
      const error = onlyError(await ask({ skills: [value] }), 'BAD_USER_INPUT');
      expect(error.message).toContain(value);
    },
  );

  it('rejects the id of a role as BAD_USER_INPUT, naming the type', async () => {
    const error = onlyError(await ask({ tools: [toGlobalId('Role', 'backend-developer')] }), 'BAD_USER_INPUT');
    expect(error.message).toContain('Role');
  });

  it.each([[{}], [{ skills: [], tools: [] }], [{ skills: [] }]])('rejects %j (nothing to match) as BAD_USER_INPUT', async (variables) => {
    const error = onlyError(await ask(variables), 'BAD_USER_INPUT');
    expect(error.message).toMatch(/at least one skill or tool/);
  });

  it(`rejects more than ${MAX_ITEMS} skills as BAD_USER_INPUT`, async () => {
    const error = onlyError(await ask({ skills: Array.from({ length: MAX_ITEMS + 1 }, () => 'python') }), 'BAD_USER_INPUT');
    expect(error.message).toContain(String(MAX_ITEMS));
  });
});
