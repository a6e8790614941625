import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { importOnet } from '../src/onet/onet.import';
import { normaliseName } from '../src/import/slug';
import type { OnetImportSummary } from '../src/onet/onet.summary';
import { onetRelease } from './helpers/datasets';
import { countStatements } from './helpers/served-database';
import type { StatementCounter } from './helpers/statement-counter';
import { fingerprintTables } from './helpers/table-dump';
import { queryOn, seededDatabase } from './helpers/test-database';
import { TestServer } from './helpers/test-server';

const RELEASE = onetRelease();

/** The data rows of one release file, split into fields: an independent reading to check against. */
function fileRows(file: string): string[][] {
  return readFileSync(join(RELEASE, file), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

/** The distinct values of one column of a release file. */
const distinct = (file: string, column: number, key: (value: string) => string = (v) => v) =>
  new Set(fileRows(file).map((row) => key(row[column])));

const count = async (dataSource: DataSource, sql: string, params: unknown[] = []) => Number((await dataSource.query(sql, params))[0].n);

describe('O*NET 29.3 import (real release)', () => {
  let dataSource: DataSource;
  let counter: StatementCounter;
  let summary: OnetImportSummary;

  beforeAll(async () => {
    ({ dataSource, counter } = await seededDatabase());
    summary = await importOnet(dataSource, RELEASE);
  }, 300_000);
  afterAll(() => dataSource?.destroy());

  it('reports what it read and created', () => {
    const files = summary.rowsRead.map((r) => r.file);
    expect(summary).toMatchObject({ title: 'O*NET 29.3 Database', version: '29.3', source: 'created', rolesNotInRelease: [] });
    expect(summary.rowsRead).toEqual(files.map((file) => ({ file, rows: fileRows(file).length })));
    expect(files).toEqual(expect.arrayContaining(['Occupation Data.txt', 'Task Statements.txt', 'Skills.txt', 'Related Occupations.txt']));

    const tools = [...fileRows('Technology Skills.txt'), ...fileRows('Tools Used.txt')];
    const created = (counts: { created: number; reused?: number }) => counts.created + (counts.reused ?? 0);
    expect(summary.entities.role).toEqual({
      created: fileRows('Occupation Data.txt').length,
      updated: 0,
      unchanged: 0,
      reused: 0,
      skipped: 0,
    });
    expect(created(summary.entities.responsibility)).toBe(distinct('Task Statements.txt', 2).size);
    // Curated skills and tools the release also names are reused, not created again.
    expect(created(summary.entities.skill)).toBe(distinct('Skills.txt', 2).size);
    expect(created(summary.entities.tool)).toBe(new Set(tools.map((row) => normaliseName(row[2]))).size);
    expect(summary.entities.category.created).toBeGreaterThan(0);
    for (const counts of Object.values(summary.entities)) expect([counts.updated, counts.unchanged]).toEqual([0, 0]);

    expect(summary.links).toEqual({
      role_responsibility: { created: fileRows('Task Statements.txt').length, updated: 0, unchanged: 0, deleted: 0 },
      role_skill: {
        created: fileRows('Skills.txt').filter((row) => row[4] === 'LV' && row[12] !== 'Y').length,
        updated: 0,
        unchanged: 0,
        deleted: 0,
      },
      // A role lists a tool once, even when both files name it.
      role_tool: { created: new Set(tools.map((row) => `${row[0]} ${normaliseName(row[2])}`)).size, updated: 0, unchanged: 0, deleted: 0 },
      role_related: { created: fileRows('Related Occupations.txt').length, updated: 0, unchanged: 0, deleted: 0 },
    });
    expect(summary.citations.added).toBeGreaterThan(0);
    expect(summary.citations.removed).toBe(0);
  });

  it('creates a role for each of the 1,016 occupations', async () => {
    expect(fileRows('Occupation Data.txt')).toHaveLength(1016);
    expect(await count(dataSource, `SELECT COUNT(*) AS n FROM "role" WHERE "externalCode" IS NOT NULL`)).toBe(1016);
  });

  it('links every task statement (18,796) as a responsibility of its role', async () => {
    const tasks = fileRows('Task Statements.txt');
    expect(tasks).toHaveLength(18796);
    expect(await count(dataSource, `SELECT COUNT(*) AS n FROM "responsibility" WHERE "slug" LIKE 'onet-task-%'`)).toBe(
      new Set(tasks.map((t) => t[2])).size,
    );
    const links = `SELECT COUNT(*) AS n FROM "role_responsibility" rr JOIN "role" r ON r."id" = rr."roleId" WHERE r."externalCode" IS NOT NULL`;
    expect(await count(dataSource, links)).toBe(18796);
    expect(await count(dataSource, `${links} AND rr."importance" IS NULL`)).toBe(tasks.filter((t) => t[4] === '').length);
    expect(await count(dataSource, `${links} AND rr."importance" = 'ESSENTIAL'`)).toBe(tasks.filter((t) => t[4] === 'Core').length);
  });

  it('has every distinct technology example exactly once', async () => {
    const examples = new Set(fileRows('Technology Skills.txt').map((row) => normaliseName(row[2])));
    expect(examples.size).toBe(8775);
    // The tools O*NET technology links point at; a curated tool (REST for "RESTful API") may be
    // found by an alias rather than its name.
    const tools: { id: number; name: string; aliases: string }[] = await dataSource.query(
      `SELECT t."id", t."name", t."aliases" FROM "tool" t WHERE EXISTS (SELECT 1 FROM "role_tool" rt JOIN "role" r ON r."id" = rt."roleId"
       WHERE rt."toolId" = t."id" AND r."externalCode" IS NOT NULL AND rt."hotTechnology" IS NOT NULL)`,
    );
    expect(tools).toHaveLength(examples.size);
    const byName = new Map<string, number[]>();
    const byAlias = new Map<string, number[]>();
    for (const tool of tools) {
      const name = normaliseName(tool.name);
      byName.set(name, [...(byName.get(name) ?? []), tool.id]);
      for (const alias of JSON.parse(tool.aliases) as string[])
        byAlias.set(normaliseName(alias), [...(byAlias.get(normaliseName(alias)) ?? []), tool.id]);
    }
    const unmatched = [...examples].filter((example) => (byName.get(example) ?? byAlias.get(example) ?? []).length !== 1);
    expect(unmatched).toEqual([]);
  });

  it('rates the 35 skills, leaving out what O*NET marks Not Relevant', async () => {
    const skills = fileRows('Skills.txt');
    expect(new Set(skills.map((row) => row[2])).size).toBe(35);
    const relevant = skills.filter((row) => row[4] === 'LV' && row[12] !== 'Y').length;
    expect(
      await count(
        dataSource,
        `SELECT COUNT(*) AS n FROM "role_skill" rs JOIN "role" r ON r."id" = rs."roleId" WHERE r."externalCode" IS NOT NULL`,
      ),
    ).toBe(relevant);
    const [chiefExecutives] = await dataSource.query(
      `SELECT rs."importanceScore", rs."level", rs."importance" FROM "role_skill" rs JOIN "role" r ON r."id" = rs."roleId"
       JOIN "skill" s ON s."id" = rs."skillId" WHERE r."externalCode" = '11-1011.00' AND s."name" = 'Reading Comprehension'`,
    );
    expect(chiefExecutives).toEqual({ importanceScore: 4.12, level: 4.62, importance: 'ESSENTIAL' });
  });

  it('knows Software Developers (15-1252.00): job zone 4, Python a hot, in-demand technology', async () => {
    const [role] = await dataSource.query(`SELECT "id", "slug", "name", "jobZone" FROM "role" WHERE "externalCode" = '15-1252.00'`);
    expect(role).toMatchObject({ slug: 'software-developers', name: 'Software Developers', jobZone: 4 });
    const [python] = await queryOn(
      dataSource,
      `SELECT t."slug", rt."hotTechnology", rt."inDemand", rt."importance" FROM "role_tool" rt JOIN "tool" t ON t."id" = rt."toolId"
       WHERE rt."roleId" = ? AND t."name" = 'Python'`,
      [role.id],
    );
    // Flags read as 1 on SQLite and as true from PostgreSQL's boolean columns.
    expect({ ...python, hotTechnology: Number(python.hotTechnology), inDemand: Number(python.inDemand) }).toEqual({
      slug: 'python',
      hotTechnology: 1,
      inDemand: 1,
      importance: 'ESSENTIAL',
    });
  });

  it('puts O*NET and curated roles together on the curated PostgreSQL tool', async () => {
    const roles: { externalCode: string | null }[] = await dataSource.query(
      `SELECT r."externalCode" FROM "role_tool" rt JOIN "role" r ON r."id" = rt."roleId" JOIN "tool" t ON t."id" = rt."toolId" WHERE t."slug" = 'postgresql'`,
    );
    expect(roles.some((r) => r.externalCode === null)).toBe(true);
    expect(roles.some((r) => r.externalCode === '15-1242.00')).toBe(true);
  });

  it('links the 18,460 related occupations', async () => {
    expect(await count(dataSource, `SELECT COUNT(*) AS n FROM "role_related"`)).toBe(fileRows('Related Occupations.txt').length);
  });

  it('serves O*NET roles with nested skills, tools and responsibilities in as many statements as on the seeds', async () => {
    const query = `{
      roles(first: 20, filter: { nameContains: "engineer" }) {
        totalCount
        nodes { name externalCode jobZone
          skills(first: 10, orderBy: { field: IMPORTANCE_SCORE, direction: DESC }) { totalCount edges { importanceScore level node { name } } }
          tools(first: 10) { totalCount edges { hotTechnology inDemand node { name kind } } }
          responsibilities(first: 5) { totalCount edges { importance node { name } } }
        }
      }
    }`;
    const counted = async (db: { dataSource: DataSource; counter: StatementCounter }) => {
      const server = await TestServer.start(db.dataSource);
      try {
        return await countStatements({ counter: db.counter, server }, query);
      } finally {
        await server.stop();
      }
    };
    const seeds = await seededDatabase();
    const onSeeds = await counted(seeds);
    await seeds.dataSource.destroy();
    const onOnet = await counted({ dataSource, counter });
    expect(onOnet.data.roles.totalCount).toBeGreaterThan(onSeeds.data.roles.totalCount);
    expect(onOnet.data.roles.nodes).toHaveLength(20);
    expect(onOnet.data.roles.nodes.some((r: any) => r.skills.edges[0]?.importanceScore > 0)).toBe(true);
    expect(onOnet.statements).toBe(onSeeds.statements);
    expect(onOnet.statements).toBe(4);
  });

  it('answers tool(slug: "postgresql") { roles } with curated and O*NET roles together over GraphQL', async () => {
    const server = await TestServer.start(dataSource);
    const data = await server.data(`{ tool(slug: "postgresql") { roles(first: 100) { totalCount nodes { slug externalCode } } } }`);
    await server.stop();
    const roles = data.tool.roles.nodes as { slug: string; externalCode: string | null }[];
    expect(roles.some((r) => r.slug === 'backend-developer')).toBe(true);
    expect(roles.some((r) => r.externalCode === '15-1242.00')).toBe(true);
  });

  it('changes nothing when imported again', async () => {
    const before = await fingerprintTables(dataSource, { withCounters: true });
    const again = await importOnet(dataSource, RELEASE);
    expect(await fingerprintTables(dataSource, { withCounters: true })).toEqual(before);
    expect(again.source).toBe('unchanged');
    // The second run finds everything the first created, and changes nothing.
    for (const [name, counts] of Object.entries(again.entities)) {
      const first = summary.entities[name as keyof OnetImportSummary['entities']];
      expect({ name, ...counts }).toEqual({ name, created: 0, updated: 0, unchanged: first.created, reused: first.reused, skipped: 0 });
    }
    for (const [name, counts] of Object.entries(again.links)) {
      const first = summary.links[name as keyof OnetImportSummary['links']];
      expect({ name, ...counts }).toEqual({ name, created: 0, updated: 0, unchanged: first.created, deleted: 0 });
    }
    expect(again.citations).toEqual({ added: 0, removed: 0 });
  }, 300_000);
});
