import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { DatasetInvalidError } from '../src/dataset/dataset.load';
import { seed } from '../src/seed';
import { openDatabase } from '../src/database';
import { rows, sql } from '../src/db/sql';
import { readSeedDataset } from './helpers/datasets';
import { runCli } from './helpers/cli';
import { dumpTables } from './helpers/table-dump';
import { SEEDS_DIR, seededDatabase } from './helpers/test-database';

/** A folder of dataset files, written from objects (or raw text for malformed JSON). */
function datasetDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'skill-atlas-dataset-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** SHA-256 of the database file and of its write-ahead log: equal digests, equal bytes. */
const fileDigests = (path: string) =>
  [path, `${path}-wal`].map((p) => (existsSync(p) ? createHash('sha256').update(readFileSync(p)).digest('hex') : null));

const header = { format: 'skill-atlas-dataset', version: 1 };
const source = readSeedDataset().sources![0].slug;

/** Four mistakes in one file, each at a known JSON path. */
const BROKEN = {
  ...header,
  tools: [
    { slug: 'brand-new-tool', name: 'Brand New Tool', sources: [source] },
    { slug: 'brand-new-tool', name: 'Brand New Tool Again', sources: [source] },
    { slug: 'nameless-tool', sources: [source] },
  ],
  roles: [
    {
      slug: 'backend-developer',
      name: 'Backend Developer',
      sources: [source],
      skills: [
        { skill: 'kuberntes', importance: 'ESSENTIAL', sources: [source] },
        { skill: 'caching', importance: 'CRUCIAL', sources: [source] },
      ],
    },
  ],
};

const MALFORMED = `{
  "format": "skill-atlas-dataset",
  "version": 1,
  "sources": [{ "slug": "a-source" "title": "A source" }]
}
`;

/** A valid file loaded alongside the broken ones: it must not be written either. */
const VALID = { ...header, sources: [{ slug: 'a-new-source', title: 'A new source' }] };

describe('seeding twice', () => {
  let db: { dataSource: DataSource };
  beforeAll(async () => {
    db = await seededDatabase();
  });
  afterAll(() => db.dataSource.destroy());

  it('leaves every row of every table as it was, ids included', async () => {
    const once = await dumpTables(db.dataSource, { withCounters: true });
    expect(once.role.length).toBe(readSeedDataset().roles!.length);
    await seed(db.dataSource, SEEDS_DIR);
    expect(await dumpTables(db.dataSource, { withCounters: true })).toEqual(once);
  });

  it('reports the same row counts before and after', async () => {
    const { before, after } = await seed(db.dataSource, SEEDS_DIR);
    expect(after).toEqual(before);
    expect(after.citation).toBeGreaterThan(0);
  });
});

describe('a broken dataset', () => {
  let db: { dataSource: DataSource; path: string };
  let dir: string;
  let error: unknown;
  let dumpBefore: Record<string, unknown[]>;
  let bytesBefore: (string | null)[];

  beforeAll(async () => {
    db = await seededDatabase();
    dir = datasetDir({ 'a-valid.json': VALID, 'b-broken.json': BROKEN, 'c-malformed.json': MALFORMED });
    dumpBefore = await dumpTables(db.dataSource, { withCounters: true });
    bytesBefore = fileDigests(db.path);
    error = await seed(db.dataSource, dir).then(
      () => null,
      (e: unknown) => e,
    );
  });
  afterAll(async () => {
    await db.dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const broken = () => join(dir, 'b-broken.json');
  const malformed = () => join(dir, 'c-malformed.json');

  it('is rejected with a DatasetInvalidError', () => {
    expect(error).toBeInstanceOf(DatasetInvalidError);
  });

  it('lists every problem of every file, each with its file and JSON path', () => {
    const malformedLine = MALFORMED.split('\n').findIndex((line) => line.includes('"title"')) + 1;
    const problems = (error as DatasetInvalidError).problems;
    expect(problems).toHaveLength(5);
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: broken(), path: 'tools[1].slug', message: 'duplicate tool slug "brand-new-tool"' },
        { file: broken(), path: 'tools[2].name', message: 'is required' },
        { file: broken(), path: 'roles[0].skills[0].skill', message: 'unknown skill slug "kuberntes"' },
        { file: broken(), path: 'roles[0].skills[1].importance', message: expect.stringMatching(/ESSENTIAL.*OPTIONAL.*"CRUCIAL"/) },
        { file: malformed(), path: '', message: expect.stringContaining(`is not valid JSON at line ${malformedLine}`) },
      ]),
    );
  });

  it('says in its message where each problem is, file and path first', () => {
    const message = (error as Error).message;
    expect(message).toMatch(/^The dataset has 5 problems; nothing was written/);
    expect(message).toContain(`${broken()}: roles[0].skills[0].skill: unknown skill slug "kuberntes"`);
    expect(message).toMatch(new RegExp(`${escape(broken())}: roles\\[0\\]\\.skills\\[1\\]\\.importance: .*CRUCIAL`));
    expect(message).toContain(`${malformed()}: is not valid JSON at line`);
  });

  it('leaves every table and counter exactly as it was, the valid file included', async () => {
    expect(await dumpTables(db.dataSource, { withCounters: true })).toEqual(dumpBefore);
    const [row] = await db.dataSource.query(`SELECT COUNT(*) AS n FROM "source" WHERE "slug" = 'a-new-source'`);
    expect(Number(row.n)).toBe(0);
  });

  it('leaves the database file and its write-ahead log byte-for-byte unchanged', () => {
    expect(fileDigests(db.path)).toEqual(bytesBefore);
  });
});

describe('reloading a role with fewer links', () => {
  let db: { dataSource: DataSource };
  beforeAll(async () => {
    db = await seededDatabase();
  });
  afterAll(() => db.dataSource.destroy());

  it('removes the links it no longer lists, with their citations, and touches nothing else but the similarity and the total weight of the role derived from them', async () => {
    const role = readSeedDataset().roles!.find((r) => (r.skills?.length ?? 0) >= 3)!;
    const before = await dumpTables(db.dataSource);
    const [{ id: roleId }] = await rows<{ id: number }>(db.dataSource, sql`SELECT "id" FROM "role" WHERE "slug" = ${role.slug}`);
    const dropped: number[] = (
      await rows<{ id: number }>(
        db.dataSource,
        sql`SELECT rs."id" FROM "role_skill" rs JOIN "skill" s ON s."id" = rs."skillId" WHERE rs."roleId" = ${roleId} AND s."slug" <> ${role.skills![0].skill}`,
      )
    ).map((r) => r.id);
    expect(dropped).toHaveLength(role.skills!.length - 1);

    await seed(db.dataSource, datasetDir({ 'fewer.json': { ...header, roles: [{ ...role, skills: role.skills!.slice(0, 1) }] } }));

    const after = await dumpTables(db.dataSource);
    const isDropped = (row: any) => dropped.includes(row.id);
    const isDroppedCitation = (row: any) => row.subjectType === 'role_skill' && dropped.includes(row.subjectId);
    expect(after).toEqual({
      ...before,
      role_skill: before.role_skill.filter((row) => !isDropped(row)),
      citation: before.citation.filter((row) => !isDroppedCitation(row)),
      data_version: [{ id: 1, version: Number((before.data_version[0] as { version: number }).version) + 1 }],
      role_similarity: after.role_similarity,
      role_weight: after.role_weight,
      change_record: [...before.change_record, expect.objectContaining({ list: 'roles', slug: role.slug, action: 'UPDATE' })],
      seed_release: [...before.seed_release, { digest: expect.stringMatching(/^[0-9a-f]{64}$/), appliedAt: expect.any(String) }],
    });
    expect(after.role_similarity).not.toEqual(before.role_similarity);
    const changedWeights = after.role_weight.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before.role_weight[i]));
    expect(changedWeights.map((row) => (row as { roleId: number }).roleId)).toEqual([roleId]);
  });
});

describe('the seed command (npm run seed)', () => {
  /** Counts the roles in a database file the command wrote. */
  async function countRoles(databasePath: string): Promise<number> {
    const dataSource = await openDatabase({ databasePath, dbLogging: false });
    try {
      const [row] = await dataSource.query(`SELECT COUNT(*) AS n FROM "role"`);
      return Number(row.n);
    } finally {
      await dataSource.destroy();
    }
  }
  const tempDatabase = () => join(mkdtempSync(join(tmpdir(), 'skill-atlas-cli-')), 'db', 'atlas.sqlite');

  it('exits 1 on a broken seeds folder, printing each problem with its file and path, and writes nothing', async () => {
    const seeds = datasetDir({ 'broken.json': BROKEN });
    const database = tempDatabase();
    const { code, stderr } = await runCli('seed', [], { SEEDS_DIR: seeds, DATABASE_PATH: database, DB_LOGGING: 'false' });
    expect(code).toBe(1);
    expect(stderr).toContain(`${join(seeds, 'broken.json')}: roles[0].skills[0].skill: unknown skill slug "kuberntes"`);
    expect(stderr).toContain(`${join(seeds, 'broken.json')}: tools[2].name: is required`);
    expect(await countRoles(database)).toBe(0);
  });

  it('exits 0 on the curated seeds, reporting the row counts', async () => {
    const database = tempDatabase();
    const roles = readSeedDataset().roles!.length;
    const { code, stdout } = await runCli('seed', [], { SEEDS_DIR: SEEDS_DIR, DATABASE_PATH: database, DB_LOGGING: 'false' });
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`role\\s+${roles}\\s+\\(\\+${roles}\\)`));
    expect(await countRoles(database)).toBe(roles);
  });
});
