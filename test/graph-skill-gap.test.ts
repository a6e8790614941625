import { MAX_ITEMS } from '../src/graph/graph.inputs';
import { toGlobalId } from '../src/shared/global-id';
import { onlyError } from './helpers/graphql-errors';
import { curatedWeight } from './helpers/expected-weights';
import { byName, SeedGraph } from './helpers/seed-graph';
import { useSeededServer } from './helpers/served-database';

const atlas = useSeededServer();
const graph = new SeedGraph();

const GAP = `query ($to: ID!, $from: ID, $have: [ID!]) {
  skillGap(to: $to, from: $from, have: $have) {
    from { slug } to { slug }
    coverage coveredWeight totalWeight
    missingEssentialSkills { ...S } missingOptionalSkills { ...S } coveredSkills { ...S }
    missingEssentialTools { ...T } missingOptionalTools { ...T } coveredTools { ...T }
  }
}
fragment S on WeightedSkill { skill { slug name } importance importanceScore weight }
fragment T on WeightedTool { tool { slug name } importance weight }`;

const gap = async (variables: Record<string, unknown>) => (await atlas.server.data(GAP, variables)).skillGap;
const ask = (variables: Record<string, unknown>) => atlas.server.query(GAP, variables);
const slugs = (list: any[]) => list.map((i) => (i.skill ?? i.tool).slug).sort();

/** The gap from the seed file alone: the target's skills and tools split by whether `has` covers them. */
function expectedGap(to: string, has: (type: 'Skill' | 'Tool', slug: string) => boolean) {
  const skills = graph.roleSkills.of(to);
  const tools = graph.roleTools.of(to);
  const pick = <L extends { slug: string; importance?: string }>(
    links: L[],
    type: 'Skill' | 'Tool',
    covered: boolean,
    importance?: string,
  ) =>
    links
      .filter((l) => has(type, l.slug) === covered && (importance === undefined || l.importance === importance))
      .map((l) => l.slug)
      .sort();
  const all = [...skills.map((l) => ({ ...l, type: 'Skill' as const })), ...tools.map((l) => ({ ...l, type: 'Tool' as const }))];
  const totalWeight = all.reduce((sum, l) => sum + curatedWeight(l), 0);
  const coveredWeight = all.filter((l) => has(l.type, l.slug)).reduce((sum, l) => sum + curatedWeight(l), 0);
  return {
    totalWeight,
    coveredWeight,
    missingEssentialSkills: pick(skills, 'Skill', false, 'ESSENTIAL'),
    missingOptionalSkills: pick(skills, 'Skill', false, 'OPTIONAL'),
    missingEssentialTools: pick(tools, 'Tool', false, 'ESSENTIAL'),
    missingOptionalTools: pick(tools, 'Tool', false, 'OPTIONAL'),
    coveredSkills: pick(skills, 'Skill', true),
    coveredTools: pick(tools, 'Tool', true),
  };
}

/** The API's answer in the shape of expectedGap. */
function shape(result: any) {
  return {
    totalWeight: result.totalWeight,
    coveredWeight: result.coveredWeight,
    missingEssentialSkills: slugs(result.missingEssentialSkills),
    missingOptionalSkills: slugs(result.missingOptionalSkills),
    missingEssentialTools: slugs(result.missingEssentialTools),
    missingOptionalTools: slugs(result.missingOptionalTools),
    coveredSkills: slugs(result.coveredSkills),
    coveredTools: slugs(result.coveredTools),
  };
}

/** Every list of a gap, concatenated. */
const allItems = (result: any) => [
  ...result.missingEssentialSkills,
  ...result.missingOptionalSkills,
  ...result.coveredSkills,
  ...result.missingEssentialTools,
  ...result.missingOptionalTools,
  ...result.coveredTools,
];

describe('skillGap from a role', () => {
  it('splits the target role into covered and missing skills and tools, as the seed file works out', async () => {
    const from = new Set([
      ...graph.roleSkills.of('web-developer').map((l) => `Skill:${l.slug}`),
      ...graph.roleTools.of('web-developer').map((l) => `Tool:${l.slug}`),
    ]);
    const result = await gap({ from: 'web-developer', to: 'backend-developer' });
    expect(shape(result)).toEqual(expectedGap('backend-developer', (type, slug) => from.has(`${type}:${slug}`)));
    expect(result.from.slug).toBe('web-developer');
    expect(result.to.slug).toBe('backend-developer');
    expect(result.coveredTools.length).toBeGreaterThan(0);
  });

  it('gives a coverage between 0 and 1 equal to coveredWeight / totalWeight, the weights summing the listed items', async () => {
    const result = await gap({ from: 'front-end-developer', to: 'web-developer' });
    expect(result.coverage).toBeGreaterThan(0);
    expect(result.coverage).toBeLessThan(1);
    expect(result.coverage).toBeCloseTo(result.coveredWeight / result.totalWeight, 12);
    const sum = (list: any[]) => list.reduce((total, item) => total + item.weight, 0);
    expect(sum([...result.coveredSkills, ...result.coveredTools])).toBeCloseTo(result.coveredWeight, 12);
    expect(sum(allItems(result))).toBeCloseTo(result.totalWeight, 12);
    const links = [...graph.roleSkills.of('web-developer'), ...graph.roleTools.of('web-developer')];
    for (const item of allItems(result)) {
      expect(item.weight).toBeCloseTo(curatedWeight(links.find((l) => l.slug === (item.skill ?? item.tool).slug)!), 12);
    }
  });

  it('lists missing items heaviest first, then by name', async () => {
    const result = await gap({ from: 'front-end-developer', to: 'backend-developer' });
    for (const list of [
      result.missingEssentialSkills,
      result.missingOptionalSkills,
      result.missingEssentialTools,
      result.missingOptionalTools,
    ]) {
      const names: { name: string; weight: number }[] = list.map((i: any) => ({ name: (i.skill ?? i.tool).name, weight: i.weight }));
      expect(names).toEqual(byName(names).sort((a, b) => b.weight - a.weight));
    }
  });

  it('leaves nothing to learn for the role itself', async () => {
    const result = await gap({ from: 'backend-developer', to: 'backend-developer' });
    expect(result.coverage).toBe(1);
    expect([
      ...result.missingEssentialSkills,
      ...result.missingOptionalSkills,
      ...result.missingEssentialTools,
      ...result.missingOptionalTools,
    ]).toEqual([]);
  });

  it('gives coverage 1 and no items for a target role that lists no skills or tools', async () => {
    const result = await gap({ from: 'backend-developer', to: 'product-manager' });
    expect(result).toMatchObject({ coverage: 1, totalWeight: 0, coveredWeight: 0, coveredSkills: [], missingEssentialSkills: [] });
  });

  it('accepts role ids as well as slugs', async () => {
    const bySlug = await gap({ from: 'web-developer', to: 'backend-developer' });
    expect(await gap({ from: toGlobalId('Role', 'web-developer'), to: toGlobalId('Role', 'backend-developer') })).toEqual(bySlug);
  });

  it('answers the same query twice with the same result', async () => {
    expect(await gap({ from: 'web-developer', to: 'backend-developer' })).toEqual(
      await gap({ from: 'web-developer', to: 'backend-developer' }),
    );
  });
});

describe('skillGap from a set of skills and tools', () => {
  const HAVE = ['python', 'rest', 'caching', toGlobalId('Tool', 'docker'), toGlobalId('Skill', 'version-control')];

  it('covers exactly the given skills and tools of the target role', async () => {
    const has = new Set(['Tool:python', 'Tool:rest', 'Skill:caching', 'Tool:docker', 'Skill:version-control']);
    const result = await gap({ have: HAVE, to: 'backend-developer' });
    expect(shape(result)).toEqual(expectedGap('backend-developer', (type, slug) => has.has(`${type}:${slug}`)));
    expect(result.from).toBeNull();
    expect(result.coverage).toBeCloseTo(result.coveredWeight / result.totalWeight, 12);
  });

  it('gives the whole role as the gap for have: [] (coverage 0)', async () => {
    const result = await gap({ have: [], to: 'web-services-developer' });
    expect(shape(result)).toEqual(expectedGap('web-services-developer', () => false));
    expect(result.coverage).toBe(0);
    expect(result.coveredSkills).toEqual([]);
  });

  it('answers unknown skills and tools with one NOT_FOUND listing them', async () => {
    const error = onlyError(await ask({ have: ['python', 'basket-weaving'], to: 'backend-developer' }), 'NOT_FOUND');
    expect(error.extensions?.unknown).toEqual(['basket-weaving']);
    expect(error.extensions?.argument).toBe('have');
  });

  it(`rejects more than ${MAX_ITEMS} items in have`, async () => {
    const error = onlyError(
      await ask({ have: Array.from({ length: MAX_ITEMS + 1 }, () => 'python'), to: 'backend-developer' }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('have');
  });
});

describe('skillGap arguments', () => {
  it('rejects both from and have as BAD_USER_INPUT', async () => {
    const error = onlyError(await ask({ from: 'web-developer', have: ['python'], to: 'backend-developer' }), 'BAD_USER_INPUT');
    expect(error.message).toMatch(/exactly one of `from`.*`have`/);
  });

  it('rejects neither from nor have as BAD_USER_INPUT', async () => {
    const error = onlyError(await ask({ to: 'backend-developer' }), 'BAD_USER_INPUT');
    expect(error.message).toMatch(/exactly one of `from`.*`have`/);
  });

  it('answers an unknown target role with NOT_FOUND naming it', async () => {
    const error = onlyError(await ask({ from: 'web-developer', to: 'astronaut' }), 'NOT_FOUND');
    expect(error.message).toContain('"astronaut"');
    expect(error.extensions?.argument).toBe('to');
  });

  it('answers an unknown from role with NOT_FOUND naming it', async () => {
    const id = toGlobalId('Role', 'astronaut');
    const error = onlyError(await ask({ from: id, to: 'backend-developer' }), 'NOT_FOUND');
    expect(error.message).toContain(id);
    expect(error.extensions?.argument).toBe('from');
  });

  it.each([['Not A Slug'], [toGlobalId('Skill', 'caching')]])(
    'rejects the target %s (not a role slug or id) as BAD_USER_INPUT',
    async (to) => {
      const error = onlyError(await ask({ have: [], to }), 'BAD_USER_INPUT');
      expect(error.message).toContain(to);
    },
  );
});
