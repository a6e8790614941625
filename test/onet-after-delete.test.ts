import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { issueApiKey } from '../src/auth/issue-key';
import { DATASET_FORMAT, DATASET_VERSION } from '../src/dataset/dataset.format';
import { importOnet } from '../src/onet/onet.import';
import { formatSummary, type OnetImportSummary } from '../src/onet/onet.summary';
import { projectRoot } from '../src/shared/project-root';
import { KeyClient } from './helpers/curator';
import { readFeed } from './helpers/replay';
import { emptyDatabase } from './helpers/test-database';
import { TestServer } from './helpers/test-server';

const FIXTURE = join(projectRoot(), 'test', 'fixtures', 'onet-mini');
const ROLE = { slug: 'database-reliability-engineers', code: '15-9902.00' };
const SKILL = 'mathematics';
const TOOL = 'git';
const TASK = 'onet-task-900101';
const OTHER_ROLE = 'backend-platform-developers';

const READ = `{
  role(slug: "${ROLE.slug}") { slug name skills(first: 50) { nodes { slug } } }
  skill(slug: "${SKILL}") { slug }
  tool(slug: "${TOOL}") { slug }
  responsibility(slug: "${TASK}") { slug }
  roles(first: 50) { nodes { slug externalCode } }
  other: role(slug: "${OTHER_ROLE}") {
    skills(first: 50) { nodes { slug } }
    tools(first: 50) { nodes { slug } }
    responsibilities(first: 50) { nodes { slug } }
  }
}`;

const slugs = (connection: { nodes: { slug: string }[] }) => connection.nodes.map((n) => n.slug);

/** An empty database (with the O*NET fixture imported, unless `onet` is false) behind the real server, and a curator's key. */
async function world({ onet = true } = {}) {
  const { dataSource } = await emptyDatabase();
  if (onet) await importOnet(dataSource, FIXTURE);
  const server = await TestServer.start(dataSource);
  const curator = new KeyClient(server, (await issueApiKey(dataSource, { name: 'Acme careers team', scope: 'write' })).key);
  const stop = async () => {
    await server.stop();
    await dataSource.destroy();
  };
  return { dataSource, server, curator, stop };
}
type World = Awaited<ReturnType<typeof world>>;

describe('an O*NET import after a curator deleted O*NET entities through the API', () => {
  let dataSource: DataSource;
  let server: TestServer;
  let curator: KeyClient;
  let stop: World['stop'];
  let imported: any;
  let again: OnetImportSummary;

  beforeAll(async () => {
    ({ dataSource, server, curator, stop } = await world());
    imported = await server.data(READ);
    for (const [mutation, slug] of [
      ['deleteRole', ROLE.slug],
      ['deleteSkill', SKILL],
      ['deleteTool', TOOL],
      ['deleteResponsibility', TASK],
    ]) {
      expect(await curator.mutate(mutation, { slug })).toEqual({ userErrors: [] });
    }
    again = await importOnet(dataSource, FIXTURE);
  });
  afterAll(() => stop());

  it('had imported each of them, linked to another occupation', () => {
    expect(slugs(imported.role.skills)).toContain(SKILL);
    expect(imported).toMatchObject({
      role: { slug: ROLE.slug },
      skill: { slug: SKILL },
      tool: { slug: TOOL },
      responsibility: { slug: TASK },
    });
    expect(slugs(imported.other.skills)).toContain(SKILL);
    expect(slugs(imported.other.tools)).toContain(TOOL);
    expect(slugs(imported.other.responsibilities)).toContain(TASK);
  });

  it('does not create the deleted occupation again, under its slug or its O*NET-SOC code', async () => {
    const data = await server.data(READ);
    expect(data.role).toBeNull();
    expect(data.roles.nodes.map((r: { externalCode: string | null }) => r.externalCode)).not.toContain(ROLE.code);
    expect(data.roles.nodes).toHaveLength(imported.roles.nodes.length - 1);
  });

  it('does not create the deleted skill, tool and task again, nor their links from other occupations', async () => {
    const data = await server.data(READ);
    expect(data).toMatchObject({ skill: null, tool: null, responsibility: null });
    expect(slugs(data.other.skills)).not.toContain(SKILL);
    expect(slugs(data.other.tools)).not.toContain(TOOL);
    expect(slugs(data.other.responsibilities)).not.toContain(TASK);
  });

  it('says how many deleted entities it skipped, and created nothing', () => {
    for (const type of ['role', 'skill', 'tool', 'responsibility'] as const) {
      expect({ type, ...again.entities[type] }).toMatchObject({ type, created: 0, skipped: 1 });
    }
    expect(formatSummary(again)).toContain('skipped (deleted)');
  });

  it('records the deletions in the feed; the import that only skipped them changed nothing, so records nothing', async () => {
    const { changes } = await readFeed(server);
    const deleted = changes.filter((c) => c.action === 'DELETE').map((c) => `${c.list}/${c.slug}`);
    expect(deleted).toEqual(expect.arrayContaining([`roles/${ROLE.slug}`, `skills/${SKILL}`, `tools/${TOOL}`, `responsibilities/${TASK}`]));
    const imports = changes.filter((c) => c.action === 'IMPORT');
    expect(imports).toHaveLength(1);
    expect(imports[0].after).toMatchObject({ entities: { role: { created: 6, skipped: 0 } } });
  });

  it('recognises the deleted occupation by its O*NET-SOC code when a later release retitles it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onet-retitled-'));
    try {
      cpSync(FIXTURE, dir, { recursive: true });
      const file = join(dir, 'Occupation Data.txt');
      writeFileSync(file, readFileSync(file, 'utf8').replace('Database Reliability Engineers', 'Database Uptime Engineers'));
      const summary = await importOnet(dataSource, dir);
      expect(summary.entities.role).toMatchObject({ created: 0, skipped: 1 });
      expect((await server.data(READ)).roles.nodes).toHaveLength(imported.roles.nodes.length - 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets the next import assert them again once the curator creates them again (same slug)', async () => {
    await curator.mutate('createRole', { slug: ROLE.slug, name: 'Database Reliability Engineer', externalCode: ROLE.code });
    await curator.mutate('createSkill', { slug: SKILL, name: 'Mathematics', kind: 'TECHNICAL' });
    await curator.mutate('createResponsibility', { slug: TASK, name: 'Runs the on-call rota.' });
    const summary = await importOnet(dataSource, FIXTURE);
    const data = await server.data(READ);
    expect(data).toMatchObject({ role: { slug: ROLE.slug }, skill: { slug: SKILL }, responsibility: { slug: TASK }, tool: null });
    expect(data.role.name).toBe('Database Reliability Engineer');
    expect(slugs(data.role.skills)).toEqual(slugs(imported.role.skills));
    expect(slugs(data.other.skills)).toContain(SKILL);
    expect(slugs(data.other.responsibilities)).toContain(TASK);
    expect(slugs(data.other.tools)).not.toContain(TOOL);
    expect(summary.entities.tool.skipped).toBe(1);
    expect(summary.entities.skill.skipped).toBe(0);
  });
});

describe('an authoritative import after a curator deleted an O*NET entity', () => {
  let w: World;

  beforeAll(async () => {
    w = await world();
    await w.curator.mutate('deleteTool', { slug: TOOL });
  });
  afterAll(() => w.stop());

  it('lifts the tombstone of an entity its dataset lists, so O*NET links it again', async () => {
    const dataset = {
      format: DATASET_FORMAT,
      version: DATASET_VERSION,
      tools: [{ slug: TOOL, name: 'Git', kind: 'TECHNOLOGY', sources: ['onet'] }],
    };
    expect(await w.curator.mutate('importDataset', { dataset })).toEqual({ userErrors: [] });
    const summary = await importOnet(w.dataSource, FIXTURE);
    expect(summary.entities.tool.skipped).toBe(0);
    expect(slugs((await w.server.data(READ)).other.tools)).toContain(TOOL);
  });
});

describe('an O*NET import after a curator deleted an entity of their own', () => {
  let w: World;

  beforeAll(async () => {
    w = await world({ onet: false });
  });
  afterAll(() => w.stop());

  it('creates an O*NET entity with the same slug: only what O*NET asserted leaves a tombstone', async () => {
    await w.curator.mutate('createSkill', { slug: SKILL, name: 'Mathematics', kind: 'TECHNICAL' });
    expect(await w.curator.mutate('deleteSkill', { slug: SKILL })).toEqual({ userErrors: [] });
    const summary = await importOnet(w.dataSource, FIXTURE);
    expect(summary.entities.skill.skipped).toBe(0);
    expect((await w.server.data(READ)).skill).toEqual({ slug: SKILL });
  });
});

describe('an O*NET import after a curator deleted a tool O*NET knew by one of its aliases', () => {
  let w: World;

  beforeAll(async () => {
    w = await world({ onet: false });
  });
  afterAll(() => w.stop());

  it('does not create it again under the slug O*NET’s name would give', async () => {
    const created = await w.curator.mutate('createTool', { slug: 'postgres-database', name: 'Postgres Database', aliases: ['PostgreSQL'] });
    expect(created).toEqual({ userErrors: [] });
    await importOnet(w.dataSource, FIXTURE);
    const reused = await w.server.data('{ tool(slug: "postgres-database") { sources { slug } } p: tool(slug: "postgresql") { slug } }');
    expect(reused).toEqual({ tool: { sources: expect.arrayContaining([{ slug: 'onet' }]) }, p: null });
    expect(await w.curator.mutate('deleteTool', { slug: 'postgres-database' })).toEqual({ userErrors: [] });
    const summary = await importOnet(w.dataSource, FIXTURE);
    const data = await w.server.data('{ a: tool(slug: "postgres-database") { slug } b: tool(slug: "postgresql") { slug } }');
    expect(data).toEqual({ a: null, b: null });
    expect(summary.entities.tool).toMatchObject({ created: 0, skipped: 1 });
  });
});

describe('an O*NET import after a curator deleted one of its categories', () => {
  let w: World;
  let category: { slug: string; parent: { slug: string }; tools: { nodes: { slug: string }[] } };

  beforeAll(async () => {
    w = await world();
    category = (await w.server.data(`{ tool(slug: "${TOOL}") { category { slug parent { slug } tools(first: 50) { nodes { slug } } } } }`))
      .tool.category;
    expect(await w.curator.mutate('deleteCategory', { slug: category.slug })).toEqual({ userErrors: [] });
  });
  afterAll(() => w.stop());

  it('does not create the category again, and leaves its tools without one', async () => {
    const summary = await importOnet(w.dataSource, FIXTURE);
    const data = await w.server.data(`{ category(slug: "${category.slug}") { slug } tool(slug: "${TOOL}") { slug category { slug } } }`);
    expect(data).toEqual({ category: null, tool: { slug: TOOL, category: null } });
    expect(summary.entities.category.skipped).toBe(1);
    expect(category.tools.nodes.map((t) => t.slug)).toContain(TOOL);
  });

  it('writes it again once a dataset lists it, and O*NET files its tools there again', async () => {
    const dataset = {
      format: DATASET_FORMAT,
      version: DATASET_VERSION,
      categories: [{ slug: category.slug, name: 'Version control', parent: category.parent.slug }],
    };
    expect(await w.curator.mutate('importDataset', { dataset })).toEqual({ userErrors: [] });
    await importOnet(w.dataSource, FIXTURE);
    const data = await w.server.data(`{ tool(slug: "${TOOL}") { category { slug } } }`);
    expect(data.tool.category).toEqual({ slug: category.slug });
  });
});
