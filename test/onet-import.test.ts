import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { OnetImportError } from '../src/onet/onet.release';
import { importOnet } from '../src/onet/onet.import';
import type { OnetImportSummary } from '../src/onet/onet.summary';
import { projectRoot } from '../src/shared/project-root';
import { dumpTables } from './helpers/table-dump';
import { emptyDatabase, queryOn, seededDatabase } from './helpers/test-database';
import { TestServer } from './helpers/test-server';

const FIXTURE = join(projectRoot(), 'test', 'fixtures', 'onet-mini');
const BACKEND = '15-9901.00';
const DBRE = '15-9902.00';
const SOFTWARE_ENGINEER = '15-9903.00';
const TRAIL_CREW = '47-9904.00';
const CREW_LEADS_AMPERSAND = '47-9905.00';
const CREW_LEADS_AND = '47-9906.00';
const LINK_SUBJECTS = ['role_responsibility', 'role_skill', 'role_tool', 'role_related'] as const;

/** A copy of the fixture in a temp folder, with `edit` applied to one file's lines (CRLF kept). */
function fixtureCopy(file?: string, edit?: (lines: string[]) => string[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'onet-fixture-')), 'onet-29.3');
  cpSync(FIXTURE, dir, { recursive: true });
  if (file && edit) {
    const lines = readFileSync(join(dir, file), 'utf8').replace(/\r\n$/, '').split('\r\n');
    writeFileSync(join(dir, file), `${edit(lines).join('\r\n')}\r\n`);
  }
  return dir;
}

/** Replaces one tab-separated field of the 1-based line `line`. */
const setField = (line: number, field: number, value: string) => (lines: string[]) =>
  lines.map((text, i) =>
    i === line - 1
      ? text
          .split('\t')
          .map((f, k) => (k === field ? value : f))
          .join('\t')
      : text,
  );

/** Every row a query returns, numbers as numbers (`?` placeholders, numbered for PostgreSQL). */
const rows = queryOn;

async function roleByCode(dataSource: DataSource, code: string) {
  const [role] = await rows(dataSource, `SELECT * FROM "role" WHERE "externalCode" = ?`, [code]);
  return role;
}

/** A role's links to skills by skill name: [importance, importanceScore, level]. */
async function skillLinks(dataSource: DataSource, code: string) {
  const links = await rows(
    dataSource,
    `SELECT s."name", rs."importance", rs."importanceScore", rs."level" FROM "role_skill" rs
     JOIN "skill" s ON s."id" = rs."skillId" JOIN "role" r ON r."id" = rs."roleId" WHERE r."externalCode" = ? ORDER BY s."name"`,
    [code],
  );
  return Object.fromEntries(links.map((l) => [l.name, [l.importance, l.importanceScore, l.level]]));
}

/** A role's links to tools by tool name: [importance, hotTechnology, inDemand]. */
async function toolLinks(dataSource: DataSource, code: string) {
  const links = await rows(
    dataSource,
    `SELECT t."name", rt."importance", rt."hotTechnology", rt."inDemand" FROM "role_tool" rt
     JOIN "tool" t ON t."id" = rt."toolId" JOIN "role" r ON r."id" = rt."roleId" WHERE r."externalCode" = ? ORDER BY t."name"`,
    [code],
  );
  // Flags as 0 and 1 (SQLite stores them so; PostgreSQL's boolean columns read as true and false).
  const flag = (value: unknown) => (value === null ? null : Number(value));
  return Object.fromEntries(links.map((l) => [l.name, [l.importance, flag(l.hotTechnology), flag(l.inDemand)]]));
}

/** Source slugs cited by one subject, sorted. */
async function citedBy(dataSource: DataSource, subjectType: string, subjectId: number): Promise<string[]> {
  const cited = await rows(
    dataSource,
    `SELECT s."slug" FROM "citation" c JOIN "source" s ON s."id" = c."sourceId" WHERE c."subjectType" = ? AND c."subjectId" = ? ORDER BY s."slug"`,
    [subjectType, subjectId],
  );
  return cited.map((c) => c.slug);
}

/** Citations whose subject row no longer exists. */
async function danglingCitations(dataSource: DataSource): Promise<number> {
  let dangling = 0;
  for (const table of ['role', 'skill', 'tool', 'responsibility', ...LINK_SUBJECTS]) {
    const [row] = await rows(
      dataSource,
      `SELECT COUNT(*) AS n FROM "citation" c WHERE c."subjectType" = ? AND NOT EXISTS (SELECT 1 FROM "${table}" x WHERE x."id" = c."subjectId")`,
      [table],
    );
    dangling += Number(row.n);
  }
  return dangling;
}

/** Runs an import that must fail; returns its error. */
async function failingImport(dataSource: DataSource, dir: string): Promise<OnetImportError> {
  const error = await importOnet(dataSource, dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OnetImportError);
  return error as OnetImportError;
}

describe('O*NET import into an empty database', () => {
  let dataSource: DataSource;
  let summary: OnetImportSummary;

  beforeAll(async () => {
    ({ dataSource } = await emptyDatabase());
    summary = await importOnet(dataSource, FIXTURE);
  });
  afterAll(() => dataSource.destroy());

  it('creates one role per occupation with its code, title, description and job zone', async () => {
    const roles = await rows(dataSource, `SELECT "slug", "name", "summary", "externalCode", "jobZone" FROM "role" ORDER BY "externalCode"`);
    expect(roles.map((r) => [r.externalCode, r.slug, r.jobZone])).toEqual([
      [BACKEND, 'backend-platform-developers', 4],
      [DBRE, 'database-reliability-engineers', 4],
      [SOFTWARE_ENGINEER, 'software-engineer', 3],
      [TRAIL_CREW, 'trail-crew-workers', 2],
      [CREW_LEADS_AMPERSAND, 'trail-crew-workers-and-leads-47-9905-00', 2],
      [CREW_LEADS_AND, 'trail-crew-workers-and-leads-47-9906-00', null],
    ]);
    expect(roles[0].name).toBe('Backend Platform Developers');
    expect(roles[0].summary).toMatch(/^Build and run the server-side services/);
  });

  it('makes aliases from alternate and short titles, deduplicated case-insensitively and sorted', async () => {
    expect(JSON.parse((await roleByCode(dataSource, BACKEND)).aliases)).toEqual([
      'API Dev',
      'API Developer',
      'Back-End Platform Developer',
      'Platform Engineer',
    ]);
    expect(JSON.parse((await roleByCode(dataSource, DBRE)).aliases)).toEqual([
      'Database Reliability Engineer',
      'DB Reliability Eng',
      'DBRE',
    ]);
    expect(JSON.parse((await roleByCode(dataSource, SOFTWARE_ENGINEER)).aliases)).toEqual(['Application Engineer']);
    expect(JSON.parse((await roleByCode(dataSource, CREW_LEADS_AND)).aliases)).toEqual([]);
  });

  it('links tasks as responsibilities: ESSENTIAL for Core, OPTIONAL for Supplemental, null without a type', async () => {
    const tasks = await rows(
      dataSource,
      `SELECT p."slug", p."name", p."description", rr."importance" FROM "role_responsibility" rr
       JOIN "responsibility" p ON p."id" = rr."responsibilityId" JOIN "role" r ON r."id" = rr."roleId"
       WHERE r."externalCode" = ? ORDER BY p."slug"`,
      [BACKEND],
    );
    expect(tasks).toEqual([
      { slug: 'onet-task-900101', name: 'Design and build HTTP APIs for product teams.', description: '', importance: 'ESSENTIAL' },
      { slug: 'onet-task-900102', name: 'Mentor junior developers in code review.', description: '', importance: 'OPTIONAL' },
      { slug: 'onet-task-900103', name: 'Write runbooks for the services the team operates.', description: '', importance: null },
    ]);
    const [{ n }] = await rows(dataSource, `SELECT COUNT(*) AS n FROM "role_responsibility"`);
    expect(n).toBe(8);
  });

  it('creates the rated O*NET skills, technical or soft, under O*NET skills > basic or cross-functional', async () => {
    const skills = await rows(
      dataSource,
      `SELECT s."slug", s."name", s."kind", s."description", c."slug" AS "category", p."slug" AS "parent" FROM "skill" s
       JOIN "category" c ON c."id" = s."categoryId" JOIN "category" p ON p."id" = c."parentId" ORDER BY s."slug"`,
    );
    expect(skills.map((s) => [s.slug, s.kind, s.category, s.parent])).toEqual([
      ['coordination', 'SOFT', 'onet-cross-functional-skills', 'onet-skills'],
      ['mathematics', 'TECHNICAL', 'onet-basic-skills', 'onet-skills'],
      ['programming', 'TECHNICAL', 'onet-cross-functional-skills', 'onet-skills'],
      ['reading-comprehension', 'SOFT', 'onet-basic-skills', 'onet-skills'],
      ['systems-analysis', 'SOFT', 'onet-cross-functional-skills', 'onet-skills'],
      ['troubleshooting', 'TECHNICAL', 'onet-cross-functional-skills', 'onet-skills'],
    ]);
    expect(skills.find((s) => s.slug === 'programming').description).toBe('Writing programs for computers.');
    const categories = await rows(dataSource, `SELECT "slug", "name" FROM "category" WHERE "slug" LIKE 'onet-%skills' ORDER BY "slug"`);
    expect(categories.map((c) => c.name)).toEqual(['O*NET basic skills', 'O*NET cross-functional skills', 'O*NET skills']);
  });

  it('links skills with IM as importanceScore and LV as level, ESSENTIAL from an IM of 3.0', async () => {
    expect(await skillLinks(dataSource, BACKEND)).toEqual({
      Coordination: ['OPTIONAL', null, 2.25],
      Mathematics: ['OPTIONAL', 2.99, 2.5],
      Programming: ['ESSENTIAL', 4.62, 5.12],
      'Reading Comprehension': ['ESSENTIAL', 3, 3.88],
      Troubleshooting: ['ESSENTIAL', 3.5, 3.25],
    });
  });

  it('stores a value O*NET recommends suppressing as null and leaves out skills rated Not Relevant', async () => {
    expect((await skillLinks(dataSource, BACKEND))['Systems Analysis']).toBeUndefined();
    expect((await skillLinks(dataSource, BACKEND)).Coordination[1]).toBeNull();
    expect((await skillLinks(dataSource, DBRE))['Reading Comprehension']).toEqual(['ESSENTIAL', 3.62, null]);
    expect(await skillLinks(dataSource, TRAIL_CREW)).toEqual({
      Coordination: ['ESSENTIAL', 3, 2.88],
      'Reading Comprehension': ['OPTIONAL', 2.88, 2.62],
    });
  });

  it('makes one tool per distinct normalised example, keeping C, C++ and C# apart', async () => {
    const tools = await rows(dataSource, `SELECT "slug", "name", "kind" FROM "tool" ORDER BY "slug"`);
    expect(tools.map((t) => [t.slug, t.name, t.kind])).toEqual([
      ['c', 'C', 'TECHNOLOGY'],
      ['c-plus-plus', 'C++', 'TECHNOLOGY'],
      ['c-sharp', 'C#', 'TECHNOLOGY'],
      ['chain-saws', 'Chain saws', 'EQUIPMENT'],
      ['desktop-computers', 'Desktop computers', 'EQUIPMENT'],
      ['git', 'Git', 'TECHNOLOGY'],
      ['laptop-computers', 'Laptop computers', 'EQUIPMENT'],
      ['microsoft-excel', 'Microsoft Excel', 'TECHNOLOGY'],
      ['oracle-postgresql', 'Oracle PostgreSQL', 'TECHNOLOGY'],
      ['panel-boards', 'Panel boards', 'EQUIPMENT'],
      ['postgresql', 'PostgreSQL', 'TECHNOLOGY'],
      ['python', 'Python', 'TECHNOLOGY'],
    ]);
    expect(summary.entities.tool).toEqual({ created: 12, updated: 0, unchanged: 0, reused: 0, skipped: 0 });
  });

  it('files each tool under its most frequent commodity title, below O*NET technology or O*NET equipment', async () => {
    const tools = await rows(
      dataSource,
      `SELECT t."name", c."name" AS "category", p."name" AS "parent" FROM "tool" t
       JOIN "category" c ON c."id" = t."categoryId" JOIN "category" p ON p."id" = c."parentId" WHERE t."name" IN ('Git', 'Panel boards')`,
    );
    expect(tools).toEqual(
      expect.arrayContaining([
        { name: 'Git', category: 'Development environment software', parent: 'O*NET technology' },
        { name: 'Panel boards', category: 'Power distribution panels', parent: 'O*NET equipment' },
      ]),
    );
    const [category] = await rows(dataSource, `SELECT "slug" FROM "category" WHERE "name" = 'Data base user interface and query software'`);
    expect(category.slug).toBe('data-base-user-interface-and-query-software');
  });

  it('carries Hot Technology and In Demand on role–tool links, ESSENTIAL only when In Demand', async () => {
    expect(await toolLinks(dataSource, BACKEND)).toEqual({
      C: ['OPTIONAL', 0, 0],
      'C#': ['ESSENTIAL', 1, 1],
      'C++': ['OPTIONAL', 1, 0],
      'Desktop computers': ['OPTIONAL', null, null],
      Git: ['OPTIONAL', 1, 0],
      'Laptop computers': ['OPTIONAL', null, null],
      'Microsoft Excel': ['OPTIONAL', 1, 0],
      PostgreSQL: ['ESSENTIAL', 1, 1],
      Python: ['ESSENTIAL', 1, 1],
    });
  });

  it('links a role once to a tool it lists under two spellings', async () => {
    expect(await toolLinks(dataSource, TRAIL_CREW)).toEqual({
      'Chain saws': ['OPTIONAL', null, null],
      'Microsoft Excel': ['OPTIONAL', 0, 0],
      'Panel boards': ['OPTIONAL', null, null],
    });
    expect(Object.keys(await toolLinks(dataSource, DBRE))).toEqual([
      'Desktop computers',
      'Git',
      'Microsoft Excel',
      'Oracle PostgreSQL',
      'PostgreSQL',
    ]);
  });

  it('links related roles with their relatedness tier and rank', async () => {
    const related = await rows(
      dataSource,
      `SELECT o."externalCode" AS "code", rr."tier", rr."rank" FROM "role_related" rr
       JOIN "role" r ON r."id" = rr."roleId" JOIN "role" o ON o."id" = rr."relatedRoleId" WHERE r."externalCode" = ? ORDER BY rr."rank"`,
      [BACKEND],
    );
    expect(related).toEqual([
      { code: DBRE, tier: 'Primary-Short', rank: 1 },
      { code: SOFTWARE_ENGINEER, tier: 'Primary-Short', rank: 2 },
      { code: TRAIL_CREW, tier: 'Supplemental', rank: 3 },
    ]);
    const [{ n }] = await rows(dataSource, `SELECT COUNT(*) AS n FROM "role_related"`);
    expect(n).toBe(8);
  });

  it('records the release as the onet source, with the attribution from NOTICE.txt', async () => {
    const [source] = await rows(dataSource, `SELECT * FROM "source" WHERE "slug" = 'onet'`);
    expect(source).toMatchObject({
      title: 'O*NET 29.3 Database',
      publisher: 'U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)',
      version: '29.3',
      licence: 'CC BY 4.0',
      url: 'https://www.onetcenter.org/database.html',
      attribution:
        'This product includes information from the O*NET 29.3 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license.',
    });
    expect(summary.attribution).toBe(source.attribution);
  });

  it('cites the onet source on every entity and link it wrote, and on nothing else', async () => {
    for (const table of ['role', 'skill', 'tool', 'responsibility', ...LINK_SUBJECTS]) {
      const [{ uncited }] = await rows(
        dataSource,
        `SELECT COUNT(*) AS uncited FROM "${table}" x WHERE NOT EXISTS (SELECT 1 FROM "citation" c JOIN "source" s ON s."id" = c."sourceId"
         WHERE c."subjectType" = ? AND c."subjectId" = x."id" AND s."slug" = 'onet')`,
        [table],
      );
      expect({ table, uncited }).toEqual({ table, uncited: 0 });
    }
    const [{ n }] = await rows(dataSource, `SELECT COUNT(*) AS n FROM "citation"`);
    expect(n).toBe(summary.citations.added);
    expect(await danglingCitations(dataSource)).toBe(0);
  });

  it('reports rows read per file and what it created', () => {
    expect(summary.rowsRead).toEqual(
      expect.arrayContaining([
        { file: 'Skills.txt', rows: 24 },
        { file: 'Occupation Data.txt', rows: 6 },
      ]),
    );
    expect(summary.entities.role).toEqual({ created: 6, updated: 0, unchanged: 0, reused: 0, skipped: 0 });
    expect(summary.links.role_skill).toEqual({ created: 10, updated: 0, unchanged: 0, deleted: 0 });
  });

  it('changes nothing when the same release is imported again', async () => {
    const before = await dumpTables(dataSource);
    const again = await importOnet(dataSource, FIXTURE);
    expect(await dumpTables(dataSource)).toEqual(before);
    expect(again.source).toBe('unchanged');
    expect(again.citations).toEqual({ added: 0, removed: 0 });
    for (const counts of [...Object.values(again.entities), ...Object.values(again.links)]) {
      expect(counts).toMatchObject({ created: 0, updated: 0 });
    }
  });

  it('reads files with LF line endings as well as CRLF', async () => {
    const dir = fixtureCopy();
    for (const file of ['Skills.txt', 'Task Statements.txt']) {
      writeFileSync(join(dir, file), readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n'));
    }
    const before = await dumpTables(dataSource);
    await importOnet(dataSource, dir);
    expect(await dumpTables(dataSource)).toEqual(before);
  });
});

describe('O*NET import over the curated seeds', () => {
  let dataSource: DataSource;
  let curatedTools: unknown[];
  let summary: OnetImportSummary;

  beforeAll(async () => {
    ({ dataSource } = await seededDatabase());
    curatedTools = await rows(dataSource, `SELECT * FROM "tool" ORDER BY "id"`);
    summary = await importOnet(dataSource, FIXTURE);
  });
  afterAll(() => dataSource.destroy());

  it('reuses curated PostgreSQL, Git, Python and C# without changing them', async () => {
    expect(await rows(dataSource, `SELECT * FROM "tool" WHERE "id" <= ? ORDER BY "id"`, [(curatedTools.at(-1) as any).id])).toEqual(
      curatedTools,
    );
    const [{ n }] = await rows(
      dataSource,
      `SELECT COUNT(*) AS n FROM "tool" WHERE "slug" IN ('postgresql', 'postgresql-2', 'git-2', 'python-2', 'c-sharp-2')`,
    );
    expect(n).toBe(1);
    expect(summary.entities.tool).toMatchObject({ created: 8, reused: 4 });
  });

  it('adds the onet citation to a reused tool and keeps its curated ones', async () => {
    const [postgresql] = await rows(dataSource, `SELECT "id" FROM "tool" WHERE "slug" = 'postgresql'`);
    const sources = await citedBy(dataSource, 'tool', postgresql.id);
    expect(sources).toContain('onet');
    expect(sources.length).toBeGreaterThan(1);
  });

  it('does not take Oracle PostgreSQL for PostgreSQL', async () => {
    const [tool] = await rows(dataSource, `SELECT "slug", "kind" FROM "tool" WHERE "name" = 'Oracle PostgreSQL'`);
    expect(tool).toEqual({ slug: 'oracle-postgresql', kind: 'TECHNOLOGY' });
  });

  it('lists curated and O*NET roles together under Tool.roles', async () => {
    const server = await TestServer.start(dataSource);
    try {
      const data = await server.data(`{ tool(slug: "postgresql") { roles(first: 100) { nodes { slug } } } }`);
      const slugs = data.tool.roles.nodes.map((r: { slug: string }) => r.slug);
      expect(slugs).toEqual(expect.arrayContaining(['backend-developer', 'backend-platform-developers', 'database-reliability-engineers']));
    } finally {
      await server.stop();
    }
  });

  it('reuses a curated skill an O*NET skill names as an alias (Troubleshooting)', async () => {
    const [skill] = await rows(dataSource, `SELECT * FROM "skill" WHERE "slug" = 'testing-and-debugging'`);
    expect(skill.name).toBe('Testing and debugging');
    expect(await rows(dataSource, `SELECT "id" FROM "skill" WHERE "slug" = 'troubleshooting'`)).toEqual([]);
    expect((await skillLinks(dataSource, BACKEND))['Testing and debugging']).toEqual(['ESSENTIAL', 3.5, 3.25]);
    expect(await citedBy(dataSource, 'skill', skill.id)).toContain('onet');
  });

  it('appends the code to a slug a curated role already has', async () => {
    expect((await roleByCode(dataSource, SOFTWARE_ENGINEER)).slug).toBe('software-engineer-15-9903-00');
    const [curated] = await rows(dataSource, `SELECT "name", "externalCode" FROM "role" WHERE "slug" = 'software-engineer'`);
    expect(curated).toEqual({ name: 'Software Engineer', externalCode: null });
  });

  it('changes nothing when the same release is imported again', async () => {
    const before = await dumpTables(dataSource);
    await importOnet(dataSource, FIXTURE);
    expect(await dumpTables(dataSource)).toEqual(before);
  });
});

describe('O*NET import over an older release', () => {
  let dataSource: DataSource;
  let older: string;
  let idsBefore: Record<string, number>;

  beforeAll(async () => {
    ({ dataSource } = await emptyDatabase());
    // An invented "29.2": a different title and job zone, an extra task, tool and related role,
    // and a skill rating that 29.3 revises.
    older = fixtureCopy('Occupation Data.txt', setField(2, 1, 'Backend Developers'));
    const edit = (file: string, change: (lines: string[]) => string[]) =>
      writeFileSync(
        join(older, file),
        `${change(readFileSync(join(older, file), 'utf8').replace(/\r\n$/, '').split('\r\n')).join('\r\n')}\r\n`,
      );
    edit('Read Me.txt', (lines) => ['O*NET 29.2 Database', ...lines.slice(1)]);
    edit('NOTICE.txt', (lines) => lines.map((l) => l.replace('29.3', '29.2')));
    edit('Job Zones.txt', setField(3, 2, '3'));
    edit('Task Statements.txt', (lines) => [
      ...lines,
      `${BACKEND}\tBackend Developers\t900199\tMaintain the legacy batch jobs.\tCore\t\t08/2023\tAnalyst`,
    ]);
    edit('Technology Skills.txt', (lines) => [
      ...lines,
      `${BACKEND}\tBackend Developers\tPerl\t43232405\tObject or component oriented development software\tN\tN`,
    ]);
    edit('Related Occupations.txt', (lines) => [
      ...lines,
      `${BACKEND}\tBackend Developers\t${CREW_LEADS_AND}\tTrail Crew Workers and Leads\tSupplemental\t4`,
    ]);
    edit('Skills.txt', setField(2, 6, '2.50'));
    await importOnet(dataSource, older);
    idsBefore = Object.fromEntries((await rows(dataSource, `SELECT "id", "externalCode" FROM "role"`)).map((r) => [r.externalCode, r.id]));
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(older, { recursive: true, force: true });
  });

  it('updates roles and the source in place', async () => {
    const [sourceBefore] = await rows(dataSource, `SELECT "id", "version" FROM "source" WHERE "slug" = 'onet'`);
    expect(sourceBefore.version).toBe('29.2');
    expect((await roleByCode(dataSource, BACKEND)).name).toBe('Backend Developers');

    const summary = await importOnet(dataSource, FIXTURE);
    expect(summary.source).toBe('updated');
    const [source] = await rows(dataSource, `SELECT "id", "version", "title" FROM "source" WHERE "slug" = 'onet'`);
    expect(source).toEqual({ id: sourceBefore.id, version: '29.3', title: 'O*NET 29.3 Database' });
    const roles = Object.fromEntries(
      (await rows(dataSource, `SELECT "id", "externalCode" FROM "role"`)).map((r) => [r.externalCode, r.id]),
    );
    expect(roles).toEqual(idsBefore);
    const backend = await roleByCode(dataSource, BACKEND);
    expect(backend).toMatchObject({ name: 'Backend Platform Developers', slug: 'backend-developers', jobZone: 4 });
    expect((await roleByCode(dataSource, DBRE)).jobZone).toBe(4);
    expect((await skillLinks(dataSource, BACKEND))['Reading Comprehension']).toEqual(['ESSENTIAL', 3, 3.88]);
  });

  it('deletes the links the new release no longer lists, with their citations', async () => {
    expect((await toolLinks(dataSource, BACKEND)).Perl).toBeUndefined();
    const tasks = await rows(
      dataSource,
      `SELECT p."slug" FROM "role_responsibility" rr JOIN "responsibility" p ON p."id" = rr."responsibilityId" WHERE p."slug" = 'onet-task-900199'`,
    );
    expect(tasks).toEqual([]);
    const [{ n }] = await rows(dataSource, `SELECT COUNT(*) AS n FROM "role_related"`);
    expect(n).toBe(8);
    expect(await danglingCitations(dataSource)).toBe(0);
  });
});

describe('O*NET import of a corrupt release', () => {
  let dataSource: DataSource;
  let before: Record<string, unknown[]>;

  beforeAll(async () => {
    ({ dataSource } = await seededDatabase());
    await importOnet(dataSource, FIXTURE);
    before = await dumpTables(dataSource);
  });
  afterAll(() => dataSource.destroy());

  const cases: [string, string, (lines: string[]) => string[], string][] = [
    [
      'a truncated row',
      'Skills.txt',
      (lines) => lines.map((l, i) => (i === 4 ? l.split('\t').slice(0, 6).join('\t') : l)),
      'Skills.txt line 5: has 6 fields where the header has 15 (truncated row?)',
    ],
    [
      'a wrong header',
      'Technology Skills.txt',
      (lines) => [lines[0].replace('Hot Technology', 'Hot Tech'), ...lines.slice(1)],
      'Technology Skills.txt line 1: header lacks column "Hot Technology"',
    ],
    ['a bad number', 'Skills.txt', setField(3, 6, 'abc'), 'Skills.txt line 3: Data Value "abc" is not a number'],
    ['a job zone out of range', 'Job Zones.txt', setField(2, 2, '9'), 'Job Zones.txt line 2: Job Zone "9" is not a job zone (1 to 5)'],
    [
      'an unknown O*NET-SOC code',
      'Related Occupations.txt',
      setField(3, 2, '15-0000.00'),
      'Related Occupations.txt line 3: unknown Related O*NET-SOC Code "15-0000.00" (not in Occupation Data.txt)',
    ],
  ];

  it.each(cases)('rejects %s in %s, naming file and line, and writes nothing', async (_what, file, edit, message) => {
    const dir = fixtureCopy(file, edit);
    const error = await failingImport(dataSource, dir);
    expect(error.message).toContain(message);
    expect(error.problems).toHaveLength(1);
    expect(await dumpTables(dataSource)).toEqual(before);
  });

  it('rolls the whole import back when a write fails halfway', async () => {
    const { dataSource: fresh } = await emptyDatabase();
    try {
      if (fresh.options.type === 'postgres') {
        await fresh.query(
          `CREATE FUNCTION "fail_related"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`,
        );
        await fresh.query(`CREATE TRIGGER "fail_related" BEFORE INSERT ON "role_related" EXECUTE FUNCTION "fail_related"()`);
      } else {
        await fresh.query(`CREATE TRIGGER "fail_related" BEFORE INSERT ON "role_related" BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
      }
      const empty = await dumpTables(fresh);
      await expect(importOnet(fresh, FIXTURE)).rejects.toThrow('disk full');
      expect(await dumpTables(fresh)).toEqual(empty);
    } finally {
      await fresh.destroy();
    }
  });

  it('reports a broken Occupation Data.txt once, not again for every row that refers to it', async () => {
    const dir = fixtureCopy('Occupation Data.txt', (lines) => [lines[0].replace('O*NET-SOC Code', 'Code'), ...lines.slice(1)]);
    const error = await failingImport(dataSource, dir);
    expect(error.problems).toEqual([
      { file: 'Occupation Data.txt', line: 1, message: expect.stringMatching(/^header lacks column "O\*NET-SOC Code"/) },
    ]);
  });

  it('rejects a folder that does not exist', async () => {
    const error = await failingImport(dataSource, join(tmpdir(), 'no-such-onet-release'));
    expect(error.problems).toEqual([{ file: join(tmpdir(), 'no-such-onet-release'), message: 'is not a folder' }]);
  });

  it('lists every problem of every file in one error', async () => {
    const dir = fixtureCopy('Skills.txt', (lines) => setField(3, 6, 'abc')(setField(4, 6, '9.5')(lines)));
    writeFileSync(join(dir, 'Job Zones.txt'), readFileSync(join(dir, 'Job Zones.txt'), 'utf8').replace('\t4\t', '\t0\t'));
    rmSync(join(dir, 'Tools Used.txt'));
    const error = await failingImport(dataSource, dir);
    expect(error.problems).toEqual([
      { file: 'Job Zones.txt', line: 2, message: 'Job Zone "0" is not a job zone (1 to 5)' },
      { file: 'Skills.txt', line: 3, message: 'Data Value "abc" is not a number' },
      { file: 'Skills.txt', line: 4, message: 'Data Value 9.5 is outside the IM range 1 to 5' },
      { file: 'Tools Used.txt', message: 'file not found' },
    ]);
    expect(error.message).toMatch(/^The O\*NET release in .* has 4 problems; nothing was written:\n/);
    expect(await dumpTables(dataSource)).toEqual(before);
  });
});

describe('npm run import:onet', () => {
  const cli = join(projectRoot(), 'dist', 'src', 'cli', 'import-onet.js');
  const run = (dir: string) => {
    const databasePath = join(mkdtempSync(join(tmpdir(), 'onet-cli-')), 'cli.sqlite');
    return spawnSync(process.execPath, [cli, dir], { env: { ...process.env, DATABASE_PATH: databasePath }, encoding: 'utf8' });
  };

  it('prints progress lines, a summary and the O*NET attribution, and exits 0', () => {
    const result = run(FIXTURE);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^\[ 1\/19\] +[\d.]+ s {2}read Occupation Data\.txt: 6 rows$/m);
    expect(result.stdout).toMatch(/^Imported the O\*NET 29\.3 Database from .* in [\d.]+ s/);
    expect(result.stdout).toMatch(/^ {2}Skills\.txt +24$/m);
    expect(result.stdout).toMatch(/^ {2}role +6 +0 +0 +0 +0$/m);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      'This product includes information from the O*NET 29.3 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license.',
    );
  });

  it('exits 1 with the problems of a corrupt release', () => {
    const result = run(fixtureCopy('Skills.txt', setField(3, 6, 'abc')));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Skills.txt line 3: Data Value "abc" is not a number');
  });
});
