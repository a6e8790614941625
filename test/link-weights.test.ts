import type { DataSource } from 'typeorm';
import { exportDataset } from '../src/dataset/dataset.export';
import { linkRelationKeys, RELATIONS } from '../src/model/relations';
import { curatedServer } from './helpers/curator';
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

/** Every link whose stored supportCount is not its number of citation rows, over every link table of the registry. */
async function supportDrift(dataSource: DataSource): Promise<{ table: string; id: number; stored: number; counted: number }[]> {
  const found = [];
  for (const relation of linkRelationKeys) {
    const table = RELATIONS[relation].storage.table;
    const rows: { id: number; stored: number; counted: number }[] = await dataSource.query(
      `SELECT * FROM (SELECT l."id" AS "id", l."supportCount" AS "stored", (SELECT COUNT(*) FROM "citation" c WHERE c."subjectType" = '${table}' AND c."subjectId" = l."id") AS "counted" FROM "${table}" l) s WHERE "stored" <> "counted"`,
    );
    found.push(...rows.map((r) => ({ table, id: Number(r.id), stored: Number(r.stored), counted: Number(r.counted) })));
  }
  return found;
}

/** The sum of every link's stored supportCount and the number of citations naming a link. */
async function supportTotals(dataSource: DataSource): Promise<{ stored: number; citations: number }> {
  const tables = linkRelationKeys.map((relation) => RELATIONS[relation].storage.table);
  let stored = 0;
  for (const table of tables) stored += Number((await dataSource.query(`SELECT SUM("supportCount") AS "n" FROM "${table}"`))[0].n ?? 0);
  const [row] = await dataSource.query(
    `SELECT COUNT(*) AS "n" FROM "citation" WHERE "subjectType" IN (${tables.map((t) => `'${t}'`).join(', ')})`,
  );
  return { stored, citations: Number(row.n) };
}

const ROLE_SKILLS = `query($role: String!) { role(slug: $role) { skills(first: 100) { edges { supportCount sources { slug } node { slug } } } } }`;

interface SupportEdge {
  supportCount: number;
  sources: string[];
}

describe('stored support counts', () => {
  let world: Awaited<ReturnType<typeof curatedServer>>;
  beforeAll(async () => {
    // The last test deletes a Source in the database itself, behind the server's back: no response cache to go stale.
    world = await curatedServer({ responseCacheBytes: 0 });
  });
  afterAll(() => world.stop());

  /** A role's skill edges by skill slug, as the API shows them; every edge's supportCount is its number of sources. */
  async function skillSupport(role: string): Promise<Map<string, SupportEdge>> {
    const { data } = await world.anonymous.query(ROLE_SKILLS, { role });
    const edges = new Map<string, SupportEdge>(
      data.role.skills.edges.map((e: { supportCount: number; sources: { slug: string }[]; node: { slug: string } }) => [
        e.node.slug,
        { supportCount: e.supportCount, sources: e.sources.map((s) => s.slug) },
      ]),
    );
    for (const edge of edges.values()) expect(edge.supportCount).toBe(edge.sources.length);
    return edges;
  }

  async function expectStoredCountsExact() {
    expect(await supportDrift(world.dataSource)).toEqual([]);
    const totals = await supportTotals(world.dataSource);
    expect(totals.citations).toBeGreaterThan(0);
    expect(totals.stored).toBe(totals.citations);
  }

  it('equal each link’s number of citations after seeding', async () => {
    await expectStoredCountsExact();
    expect((await skillSupport('backend-developer')).get('database-management')!.supportCount).toBe(5);
  });

  it('follow an import through the interchange format that removes one source of a link and adds one to another', async () => {
    const dataset = await exportDataset(world.dataSource);
    const role = dataset.roles!.find((r) => r.slug === 'backend-developer')!;
    const before = await skillSupport('backend-developer');
    const skills = role.skills as { skill: string; sources: string[] }[];
    const cut = skills.find((s) => s.sources.length >= 2)!;
    const grown = skills.find((s) => s !== cut && s.sources.length < dataset.sources!.length)!;
    const added = dataset.sources!.map((s) => s.slug).find((slug) => !grown.sources.includes(slug))!;
    cut.sources = cut.sources.slice(1);
    grown.sources = [...grown.sources, added].sort();

    const payload = await world.writer.mutate('importDataset', {
      dataset: { format: dataset.format, version: dataset.version, roles: [role] },
    });
    expect(payload.userErrors).toEqual([]);
    const after = await skillSupport('backend-developer');
    expect(after.get(cut.skill)!.supportCount).toBe(before.get(cut.skill)!.supportCount - 1);
    expect(after.get(grown.skill)).toEqual({ supportCount: before.get(grown.skill)!.supportCount + 1, sources: grown.sources });
    await expectStoredCountsExact();
  });

  it('follow linkRoleSkill adding a source to a link, and unlinkRoleSkill removing a link with its citations', async () => {
    const before = await skillSupport('backend-developer');
    const [skill, edge] = [...before].find(([, e]) => !e.sources.includes('acme-careers-team'))!;
    await world.writer.mutate('linkRoleSkill', { role: 'backend-developer', skill, sources: ['acme-careers-team'] });
    expect((await skillSupport('backend-developer')).get(skill)!.supportCount).toBe(edge.supportCount + 1);

    const [gone] = [...before.keys()].filter((s) => s !== skill);
    await world.writer.mutate('unlinkRoleSkill', { role: 'backend-developer', skill: gone });
    expect((await skillSupport('backend-developer')).has(gone)).toBe(false);
    await expectStoredCountsExact();
  });

  it('follow deleteSkill removing a skill with its links and their citations', async () => {
    const before = await skillSupport('backend-developer');
    const [skill] = before.keys();
    const payload = await world.writer.mutate('deleteSkill', { slug: skill }, 'removedLinks userErrors { message }');
    expect(payload.userErrors).toEqual([]);
    expect(payload.removedLinks).toBeGreaterThan(0);
    expect((await skillSupport('backend-developer')).has(skill)).toBe(false);
    await expectStoredCountsExact();
  });

  it('follow a Source deleted in the database, whose citations go with it by ON DELETE CASCADE', async () => {
    const before = await skillSupport('backend-developer');
    const source = 'what-does-a-back-end-developer-do';
    const cited = [...before].filter(([, e]) => e.sources.includes(source));
    expect(cited.length).toBeGreaterThan(0);
    await world.dataSource.query(`DELETE FROM "source" WHERE "slug" = '${source}'`);
    const after = await skillSupport('backend-developer');
    for (const [skill, edge] of cited) expect(after.get(skill)!.supportCount).toBe(edge.supportCount - 1);
    await expectStoredCountsExact();
  });
});
