import { curatedWeight } from './helpers/expected-weights';
import { SeedGraph } from './helpers/seed-graph';
import { useSeededServer } from './helpers/served-database';

const atlas = useSeededServer();
const graph = new SeedGraph();

const SKILLS = `{ role(slug: "backend-developer") {
  skills(first: 100, orderBy: { field: IMPORTANCE }) { edges { importance weight supportCount sources { slug } node { slug name } } }
} }`;

describe('link weights on the edges', () => {
  it('put the skills every source names first in IMPORTANCE order: databases and server-side programming lead', async () => {
    const { edges } = (await atlas.server.data(SKILLS)).role.skills;
    const top = edges.slice(0, 5).map((e: any) => e.node.slug);
    expect(top).toEqual(expect.arrayContaining(['database-management', 'server-side-programming']));
    for (const edge of edges.slice(0, 5)) expect(edge.supportCount).toBe(5);
    expect(edges.slice(0, 10).map((e: any) => e.node.slug)).not.toContain('adaptability');
  });

  it('weigh importance times (supportCount + 1) / (supportCount + 2), supportCount counting the edge’s sources', async () => {
    const { edges } = (await atlas.server.data(SKILLS)).role.skills;
    const links = graph.roleSkills.of('backend-developer');
    expect(edges).toHaveLength(links.length);
    for (const edge of edges) {
      const link = links.find((l) => l.slug === edge.node.slug)!;
      expect(edge.supportCount).toBe(edge.sources.length);
      expect(edge.supportCount).toBe(link.sources.length);
      expect(edge.weight).toBeCloseTo(curatedWeight(link), 12);
    }
  });

  it('order by weight, heaviest first, then by name, so every ESSENTIAL link comes before every OPTIONAL one', async () => {
    const { edges } = (await atlas.server.data(SKILLS)).role.skills;
    const weights = edges.map((e: any) => e.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    const firstOptional = edges.findIndex((e: any) => e.importance === 'OPTIONAL');
    expect(firstOptional).toBeGreaterThan(0);
    expect(edges.slice(firstOptional).every((e: any) => e.importance === 'OPTIONAL')).toBe(true);
  });
});
