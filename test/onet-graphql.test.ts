import { join } from 'node:path';
import { importOnet } from '../src/onet/onet.import';
import { projectRoot } from '../src/shared/project-root';
import { useServedDatabase } from './helpers/served-database';
import { seededDatabase } from './helpers/test-database';

const FIXTURE = join(projectRoot(), 'test', 'fixtures', 'onet-mini');

describe('O*NET data through GraphQL (fixture release)', () => {
  const atlas = useServedDatabase(async () => {
    const db = await seededDatabase();
    await importOnet(db.dataSource, FIXTURE);
    return db;
  });
  const sql = async (text: string, params: unknown[] = []) => (await atlas.dataSource.query(text, params)) as Record<string, any>[];

  it('finds a role by its O*NET-SOC code, with its job zone and alternate titles', async () => {
    const [row] = await sql(`SELECT "slug", "jobZone", "aliases" FROM "role" WHERE "externalCode" = '15-9901.00'`);
    const data = await atlas.server.data(
      `{ roles(filter: { externalCode: "15-9901.00" }) { nodes { slug externalCode jobZone aliases } } }`,
    );
    expect(data.roles.nodes).toEqual([
      { slug: row.slug, externalCode: '15-9901.00', jobZone: row.jobZone, aliases: JSON.parse(row.aliases) },
    ]);
    expect(row.jobZone).toBeGreaterThanOrEqual(1);
  });

  it('filters roles by job zone, skill and tool', async () => {
    const [zone] = await sql(
      `SELECT "jobZone" AS z, COUNT(*) AS n FROM "role" WHERE "jobZone" IS NOT NULL GROUP BY "jobZone" ORDER BY n DESC LIMIT 1`,
    );
    const byZone = await atlas.server.data(`{ roles(filter: { jobZone: ${zone.z} }) { totalCount nodes { jobZone } } }`);
    expect(byZone.roles.totalCount).toBe(Number(zone.n));
    expect(byZone.roles.nodes.every((r: { jobZone: number }) => r.jobZone === zone.z)).toBe(true);

    const users = await sql(
      `SELECT COUNT(DISTINCT rt."roleId") AS n FROM "role_tool" rt JOIN "tool" t ON t."id" = rt."toolId" WHERE t."slug" = 'postgresql'`,
    );
    const byTool = await atlas.server.data(`{ roles(first: 100, filter: { hasTool: "postgresql" }) { totalCount } }`);
    expect(byTool.roles.totalCount).toBe(Number(users[0].n));
    expect(byTool.roles.totalCount).toBeGreaterThan(1);

    const [skill] = await sql(
      `SELECT s."slug", COUNT(*) AS n FROM "role_skill" rs JOIN "skill" s ON s."id" = rs."skillId" GROUP BY s."slug" ORDER BY n DESC, s."slug" LIMIT 1`,
    );
    const bySkill = await atlas.server.data(`{ roles(first: 100, filter: { hasSkill: "${skill.slug}" }) { totalCount } }`);
    expect(bySkill.roles.totalCount).toBe(Number(skill.n));
  });

  it('rejects a job zone outside 1 to 5', async () => {
    const response = await atlas.server.query(`{ roles(filter: { jobZone: 9 }) { totalCount } }`);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain('jobZone');
  });

  it('filters tools by kind and by the hot-technology and in-demand flags', async () => {
    const hot = await atlas.server.data(
      `{ tools(first: 100, filter: { hotTechnology: true }) { totalCount nodes { slug roles(first: 100) { edges { hotTechnology } } } } }`,
    );
    const [expected] = await sql(`SELECT COUNT(DISTINCT "toolId") AS n FROM "role_tool" WHERE "hotTechnology" = TRUE`);
    expect(hot.tools.totalCount).toBe(Number(expected.n));
    for (const tool of hot.tools.nodes)
      expect(tool.roles.edges.some((e: { hotTechnology: boolean }) => e.hotTechnology === true)).toBe(true);

    const inDemand = await atlas.server.data(`{ tools(first: 100, filter: { inDemand: true }) { totalCount } }`);
    const [demanded] = await sql(`SELECT COUNT(DISTINCT "toolId") AS n FROM "role_tool" WHERE "inDemand" = TRUE`);
    expect(inDemand.tools.totalCount).toBe(Number(demanded.n));

    const equipment = await atlas.server.data(`{ tools(first: 100, filter: { kind: EQUIPMENT }) { totalCount nodes { kind } } }`);
    const [machines] = await sql(`SELECT COUNT(*) AS n FROM "tool" WHERE "kind" = 'EQUIPMENT'`);
    expect(equipment.tools.totalCount).toBe(Number(machines.n));
    expect(equipment.tools.totalCount).toBeGreaterThan(0);
    expect(equipment.tools.nodes.every((t: { kind: string }) => t.kind === 'EQUIPMENT')).toBe(true);
  });

  it('puts the O*NET ratings on the edges and orders by them', async () => {
    const data = await atlas.server.data(`{ roles(filter: { externalCode: "15-9901.00" }) { nodes {
      skills(orderBy: { field: IMPORTANCE_SCORE, direction: DESC }) { edges { importance importanceScore level node { slug } } }
      tools { edges { importance hotTechnology inDemand node { name } } }
      responsibilities { edges { importance node { name } } }
    } } }`);
    const role = data.roles.nodes[0];
    const scores = role.skills.edges
      .map((e: { importanceScore: number | null }) => e.importanceScore)
      .filter((s: number | null) => s !== null);
    expect(scores.length).toBeGreaterThan(0);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    const [rating] = await sql(
      `SELECT s."slug", rs."importanceScore", rs."level" FROM "role_skill" rs JOIN "skill" s ON s."id" = rs."skillId" JOIN "role" r ON r."id" = rs."roleId"
       WHERE r."externalCode" = '15-9901.00' ORDER BY rs."importanceScore" IS NULL, rs."importanceScore" DESC LIMIT 1`,
    );
    expect(role.skills.edges[0]).toMatchObject({
      importanceScore: rating.importanceScore,
      level: rating.level,
      node: { slug: rating.slug },
    });
    const postgres = role.tools.edges.find((e: { node: { name: string } }) => e.node.name === 'PostgreSQL');
    expect(postgres).toMatchObject({ hotTechnology: true, inDemand: true, importance: 'ESSENTIAL' });
    expect(role.responsibilities.edges.some((e: { importance: string | null }) => e.importance === 'ESSENTIAL')).toBe(true);
  });

  it('lists related occupations by rank with their tier, citing O*NET', async () => {
    const [owner] = await sql(
      `SELECT r."externalCode" AS code, COUNT(*) AS n FROM "role_related" rr JOIN "role" r ON r."id" = rr."roleId" GROUP BY r."id" ORDER BY n DESC LIMIT 1`,
    );
    const data = await atlas.server.data(`{ roles(filter: { externalCode: "${owner.code}" }) { nodes {
      relatedOccupations { totalCount edges { rank tier sources { slug } node { externalCode } } }
    } } }`);
    const related = data.roles.nodes[0].relatedOccupations;
    expect(related.totalCount).toBe(Number(owner.n));
    const ranks = related.edges.map((e: { rank: number }) => e.rank);
    expect(ranks).toEqual([...ranks].sort((a: number, b: number) => a - b));
    expect(
      related.edges.every(
        (e: { tier: string; sources: { slug: string }[] }) => e.tier.length > 0 && e.sources.some((s) => s.slug === 'onet'),
      ),
    ).toBe(true);
  });

  it('serves the O*NET source with its licence, and the attribution with every response', async () => {
    const response = await atlas.server.query(`{ source(slug: "onet") { title version licence attribution } }`);
    expect(response.data.source.licence).toBe('CC BY 4.0');
    expect(response.data.source.attribution).toMatch(/O\*NET/);
    expect((response as { extensions?: { attribution?: string[] } }).extensions?.attribution).toContain(response.data.source.attribution);
  });
});
