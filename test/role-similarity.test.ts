import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { importDatasetFile } from '../src/dataset/dataset.import';
import type { Dataset, RoleRecord } from '../src/dataset/dataset.format';
import { ROLE_ITEM_LINKS } from '../src/graph/graph.store';
import { similarRoleRows, storedSimilarRoleRows } from '../src/graph/related-roles.store';
import { rebuildRoleSimilarity, rebuildRoleWeights, SIMILARITY_KEPT } from '../src/graph/role-similarity.service';
import { join as joinSql, rows, sql } from '../src/db/sql';
import { importOnet } from '../src/onet/onet.import';
import { Importance } from '../src/shared/enums';
import { projectRoot } from '../src/shared/project-root';
import type { PageWindow } from '../src/shared/page-window';
import { readSeedDataset } from './helpers/datasets';
import { expectedRelated } from './helpers/expected-similarity';
import { useServedDatabase } from './helpers/served-database';
import { emptyDatabase, ENGINE, seededDatabase } from './helpers/test-database';

const ONET_FIXTURE = join(projectRoot(), 'test', 'fixtures', 'onet-mini');

/** Writes a dataset to a temporary file for `importDatasetFile`, the path `npm run import` takes. */
function datasetFile(data: Dataset): string {
  const file = join(mkdtempSync(join(tmpdir(), 'skill-atlas-similarity-')), 'change.json');
  writeFileSync(file, JSON.stringify(data));
  return file;
}

const roleIds = async (dataSource: DataSource): Promise<number[]> =>
  ((await dataSource.query(`SELECT "id" FROM "role" ORDER BY "id"`)) as { id: number }[]).map((r) => r.id);

const storedPairs = (dataSource: DataSource) =>
  dataSource.query(`SELECT * FROM "role_similarity" ORDER BY "roleId", "otherId"`) as Promise<Record<string, number>[]>;

const storedWeights = (dataSource: DataSource) =>
  dataSource.query(`SELECT * FROM "role_weight" ORDER BY "roleId"`) as Promise<{ roleId: number; totalWeight: number }[]>;

/** Each linked role's total weight as SQL sums it from the links, by the weight rules. */
async function liveWeights(dataSource: DataSource): Promise<{ roleId: number; totalWeight: number }[]> {
  const t = sql`t`;
  const arms = ROLE_ITEM_LINKS.map((link) => sql`SELECT t.${link.role} AS "roleId", ${link.weight(t)} AS "w" FROM ${link.table} t`);
  return rows(
    dataSource,
    sql`SELECT "roleId", SUM("w") AS "totalWeight" FROM (${joinSql(arms, sql` UNION ALL `)}) u GROUP BY "roleId" ORDER BY "roleId"`,
  );
}

/** Pages that the stored head can answer: from the start, after a cursor, backwards before one. */
const WINDOWS: PageWindow[] = [
  { after: 0, before: null, first: 100, last: null },
  { after: 0, before: null, first: 3, last: null },
  { after: 4, before: null, first: 5, last: null },
  { after: 0, before: 9, first: null, last: 4 },
  { after: 2, before: 7, first: 2, last: null },
];

describe.each([
  ['the seeds', seededDatabase],
  [
    'the seeds and the O*NET fixture release (rated skills, weights such as 0.776)',
    async () => {
      const db = await seededDatabase();
      await importOnet(db.dataSource, ONET_FIXTURE);
      return db;
    },
  ],
])('role_similarity on %s', (_name, open) => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = (await open()).dataSource;
  });
  afterAll(() => dataSource.destroy());

  it.each(WINDOWS)('answers every role’s page %o with exactly the rows the live computation returns', async (window) => {
    const ids = await roleIds(dataSource);
    const live = await similarRoleRows(dataSource, ids, window);
    const stored = (await storedSimilarRoleRows(dataSource, ids, window)).map(({ __stored: _stored, ...row }) => row);
    expect(live.filter((row) => row.__inPage).length).toBeGreaterThan(3);
    expect(stored).toEqual(live);
  });

  it('keeps each role’s whole ranking when it is shorter than the kept head, with its length', async () => {
    const counts: { roleId: number; stored: number; relatedCount: number }[] = await dataSource.query(
      `SELECT "roleId", COUNT(*) AS "stored", MIN("relatedCount") AS "relatedCount" FROM "role_similarity" GROUP BY "roleId"`,
    );
    expect(counts.length).toBeGreaterThan(5);
    for (const count of counts) expect(Number(count.stored)).toBe(Math.min(Number(count.relatedCount), SIMILARITY_KEPT));
  });

  it('holds what a rebuild from scratch computes', async () => {
    const before = await storedPairs(dataSource);
    await dataSource.transaction((manager) => rebuildRoleSimilarity(manager));
    expect(await storedPairs(dataSource)).toEqual(before);
  });

  it('stores every linked role’s total weight, to the last bit of the sum SQL computes from the links', async () => {
    const live = await liveWeights(dataSource);
    expect(live.length).toBeGreaterThan(5);
    expect(await storedWeights(dataSource)).toEqual(live);
  });
});

// SQLite's migration history: PostgreSQL's list starts from the whole schema, on a database with no rows yet.
(ENGINE === 'sqlite' ? describe : describe.skip)('the migrations that create role_similarity and role_weight (SQLite)', () => {
  it.each([
    ['role_weight', 1],
    ['role_similarity and role_weight', 2],
  ])('fill %s for a database that already holds roles, skills and tools', async (_tables, undone) => {
    const { dataSource } = await seededDatabase();
    try {
      const [pairs, weights] = [await storedPairs(dataSource), await storedWeights(dataSource)];
      expect(pairs.length).toBeGreaterThan(20);
      expect(weights.length).toBeGreaterThan(5);
      for (let i = 0; i < undone; i++) await dataSource.undoLastMigration({ transaction: 'all' });
      await dataSource.runMigrations({ transaction: 'all' });
      expect(await storedPairs(dataSource)).toEqual(pairs);
      expect(await storedWeights(dataSource)).toEqual(weights);
    } finally {
      await dataSource.destroy();
    }
  });
});

const RELATED = `query ($slug: String!, $first: Int, $after: String, $last: Int) {
  role(slug: $slug) {
    relatedRoles(first: $first, after: $after, last: $last) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor score sharedWeight unionWeight node { slug } sharedSkills { skill { slug } contribution } sharedTools { tool { slug } contribution } }
    }
  }
}`;

/**
 * 130 roles that all use one tool, each with its own few of twelve skills, so every role has 129
 * related roles: more than the stored head of SIMILARITY_KEPT.
 */
function wideDataset(): Dataset {
  const sources = ['wide-source'];
  const skills = Array.from({ length: 12 }, (_, i) => ({ slug: `wide-skill-${i}`, name: `Wide Skill ${i}`, kind: 'TECHNICAL', sources }));
  const roles = Array.from({ length: 130 }, (_, i) => ({
    slug: `wide-role-${i}`,
    name: `Wide Role ${String(i).padStart(3, '0')}`,
    sources,
    skills: skills
      .filter((_, s) => ((i * 7919) >> s) % 3 === 0)
      .map((skill, s) => ({ skill: skill.slug, importance: s % 2 ? 'OPTIONAL' : 'ESSENTIAL', sources })),
    tools: [{ tool: 'wide-tool', importance: i % 4 ? 'ESSENTIAL' : 'OPTIONAL', sources }],
  }));
  return {
    format: 'skill-atlas-dataset',
    version: 1,
    sources: [{ slug: 'wide-source', title: 'A generated taxonomy' }],
    skills,
    tools: [{ slug: 'wide-tool', name: 'Wide Tool', sources }],
    roles,
  } as Dataset;
}

describe('Role.relatedRoles on a ranking longer than the stored head', () => {
  const data = wideDataset();
  const atlas = useServedDatabase(async () => {
    const db = await emptyDatabase();
    await importDatasetFile(db.dataSource, datasetFile(data));
    return db;
  });
  const slug = 'wide-role-7';
  const expected = expectedRelated(data, slug);

  it('reads the first page, up to 100 roles, from the stored head in 3 statements', async () => {
    const { data: page, statements } = await atlas.run(RELATED, { slug, first: 100 });
    const related = page.role.relatedRoles;
    expect(related.totalCount).toBe(129);
    expect(related.edges.map((e: any) => e.node.slug)).toEqual(expected.slice(0, 100).map((e) => e.slug));
    related.edges.forEach((edge: any, i: number) => expect(edge.score).toBeCloseTo(expected[i].score, 12));
    expect(related.pageInfo.hasNextPage).toBe(true);
    expect(statements).toBe(3);
  });

  it('computes a page reaching past it from the links, in one more statement, agreeing byte for byte where the two overlap', async () => {
    const head = (await atlas.run(RELATED, { slug, first: 100 })).data.role.relatedRoles;
    const firstPage = (await atlas.run(RELATED, { slug, first: 60 })).data.role.relatedRoles;
    const deep = await atlas.run(RELATED, { slug, first: 60, after: firstPage.pageInfo.endCursor });
    const page = deep.data.role.relatedRoles;
    expect(deep.statements).toBe(4);
    expect(page.totalCount).toBe(129);
    expect(page.edges.map((e: any) => e.node.slug)).toEqual(expected.slice(60, 120).map((e) => e.slug));
    expect(JSON.stringify(page.edges.slice(0, 40))).toBe(JSON.stringify(head.edges.slice(60, 100)));
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('computes the last page of the ranking from the links', async () => {
    const { data: page, statements } = await atlas.run(RELATED, { slug, last: 10 });
    const related = page.role.relatedRoles;
    expect(related.edges.map((e: any) => e.node.slug)).toEqual(expected.slice(119).map((e) => e.slug));
    expect(related.pageInfo.hasPreviousPage).toBe(true);
    expect(statements).toBe(4);
  });

  it('stores the head of each ranking only: at least SIMILARITY_KEPT pairs per role, far fewer than every pair', async () => {
    const [row] = await atlas.dataSource.query(`SELECT COUNT(*) AS n, MIN("relatedCount") AS total FROM "role_similarity"`);
    expect(Number(row.total)).toBe(129);
    expect(Number(row.n)).toBeGreaterThanOrEqual(130 * SIMILARITY_KEPT);
    expect(Number(row.n)).toBeLessThan(130 * 129);
  });
});

describe('imports keep role_similarity true (npm run import)', () => {
  const atlas = useServedDatabase(seededDatabase);
  const dataset = readSeedDataset();
  const role = (slug: string) => dataset.roles!.find((r) => r.slug === slug)!;

  /** Imports the roles as they are now in `dataset`, through the import path. */
  async function importRoles(...roles: RoleRecord[]): Promise<void> {
    await importDatasetFile(atlas.dataSource, datasetFile({ format: dataset.format, version: dataset.version, roles }));
  }

  /** Every role's related roles, through the API. */
  async function everyRanking() {
    const { data } = await atlas.run(
      `{ roles(first: 100) { nodes { slug relatedRoles(first: 100) { totalCount nodes { slug } edges { score } } } } }`,
    );
    return data.roles.nodes as {
      slug: string;
      relatedRoles: { totalCount: number; nodes: { slug: string }[]; edges: { score: number }[] };
    }[];
  }

  /** Each role's ranking through the API is the one worked out from the dataset as it now stands. */
  async function expectRankingsOfTheDataset(): Promise<void> {
    for (const { slug, relatedRoles } of await everyRanking()) {
      const expected = expectedRelated(dataset, slug);
      expect({ slug, totalCount: relatedRoles.totalCount }).toEqual({ slug, totalCount: expected.length });
      expect(relatedRoles.nodes.map((n) => n.slug)).toEqual(expected.map((e) => e.slug));
      relatedRoles.edges.forEach((edge, i) => expect(edge.score).toBeCloseTo(expected[i].score, 12));
    }
  }

  /** What was stored incrementally is what a rebuild from scratch stores, and the weights are the links' sums. */
  async function expectTheSameAsARebuild(): Promise<void> {
    const incremental = await storedPairs(atlas.dataSource);
    const weights = await storedWeights(atlas.dataSource);
    expect(weights).toEqual(await liveWeights(atlas.dataSource));
    await atlas.dataSource.transaction(async (manager) => {
      await rebuildRoleSimilarity(manager);
      await rebuildRoleWeights(manager);
    });
    expect(await storedPairs(atlas.dataSource)).toEqual(incremental);
    expect(await storedWeights(atlas.dataSource)).toEqual(weights);
  }

  /** Two roles that share exactly one item, the first having others too. */
  function pairSharingOneItem(): { a: RoleRecord; b: RoleRecord; item: string } {
    const items = (r: RoleRecord) => [...(r.skills ?? []).map((l) => `Skill:${l.skill}`), ...(r.tools ?? []).map((l) => `Tool:${l.tool}`)];
    for (const a of dataset.roles!) {
      for (const b of dataset.roles!) {
        const shared = items(a).filter((i) => a !== b && items(b).includes(i));
        if (shared.length === 1 && items(a).length > 1) return { a, b, item: shared[0] };
      }
    }
    throw new Error('the seeds have no two roles sharing exactly one item');
  }

  it('drops a role from the rankings of the roles it no longer shares anything with', async () => {
    const { a, b, item } = pairSharingOneItem();
    const before = (await everyRanking()).find((r) => r.slug === b.slug)!.relatedRoles;
    expect(before.nodes.map((n) => n.slug)).toContain(a.slug);
    a.skills = a.skills?.filter((l) => `Skill:${l.skill}` !== item);
    a.tools = a.tools?.filter((l) => `Tool:${l.tool}` !== item);
    await importRoles(a);
    const after = (await everyRanking()).find((r) => r.slug === b.slug)!.relatedRoles;
    expect(after.nodes.map((n) => n.slug)).not.toContain(a.slug);
    expect(after.totalCount).toBe(before.totalCount - 1);
    await expectRankingsOfTheDataset();
    await expectTheSameAsARebuild();
  });

  it('rescores the pairs of a role whose link became optional', async () => {
    const backend = role('backend-developer');
    const before = (await everyRanking()).find((r) => r.slug === 'backend-developer')!.relatedRoles;
    backend.tools = backend.tools!.map((l) => ({ ...l, importance: Importance.OPTIONAL }));
    await importRoles(backend);
    const after = (await everyRanking()).find((r) => r.slug === 'backend-developer')!.relatedRoles;
    expect(after.edges.map((e) => e.score)).not.toEqual(before.edges.map((e) => e.score));
    await expectRankingsOfTheDataset();
    await expectTheSameAsARebuild();
  });

  it('ranks a new role, and ranks it in the lists of the roles it shares items with', async () => {
    const backend = role('backend-developer');
    const created: RoleRecord = {
      slug: 'api-platform-developer',
      name: 'API Platform Developer',
      sources: backend.sources,
      skills: backend.skills!.slice(0, 5),
      tools: backend.tools!.slice(0, 5),
    };
    dataset.roles!.push(created);
    await importRoles(created);
    const rankings = await everyRanking();
    expect(rankings.find((r) => r.slug === 'backend-developer')!.relatedRoles.nodes.map((n) => n.slug)).toContain(created.slug);
    expect(rankings.find((r) => r.slug === created.slug)!.relatedRoles.totalCount).toBeGreaterThan(0);
    await expectRankingsOfTheDataset();
    await expectTheSameAsARebuild();
  });

  it('empties the ranking of a role that loses every skill and tool, and removes it from every other', async () => {
    const front = role('front-end-developer');
    front.skills = [];
    front.tools = [];
    await importRoles(front);
    const rankings = await everyRanking();
    expect(rankings.find((r) => r.slug === 'front-end-developer')!.relatedRoles.totalCount).toBe(0);
    for (const r of rankings) expect(r.relatedRoles.nodes.map((n) => n.slug)).not.toContain('front-end-developer');
    const [{ id }] = await atlas.dataSource.query(`SELECT "id" FROM "role" WHERE "slug" = 'front-end-developer'`);
    expect((await storedWeights(atlas.dataSource)).map((w) => w.roleId)).not.toContain(id);
    await expectRankingsOfTheDataset();
    await expectTheSameAsARebuild();
  });

  it('writes nothing when an import changes no skill or tool link', async () => {
    const before = await storedPairs(atlas.dataSource);
    const renamed = { ...role('web-developer'), summary: 'Builds websites.' };
    const statements = await atlas.counter.during(() => importRoles(renamed));
    expect(statements.some((s) => s.includes('role_similarity') || s.includes('role_weight'))).toBe(false);
    expect(await storedPairs(atlas.dataSource)).toEqual(before);
  });

  it('rewrites the total weight of the changed role only, in one statement', async () => {
    const backend = role('backend-developer');
    const before = await storedWeights(atlas.dataSource);
    backend.tools = backend.tools!.slice(1);
    const statements = await atlas.counter.during(() => importRoles(backend));
    const writes = statements.filter((s) => /^\s*(INSERT|UPDATE|DELETE)/i.test(s) && s.includes('role_weight'));
    expect(writes).toHaveLength(1);
    const after = await storedWeights(atlas.dataSource);
    const changed = after.filter((w, i) => w.totalWeight !== before[i].totalWeight);
    expect(changed).toHaveLength(1);
    await expectRankingsOfTheDataset();
    await expectTheSameAsARebuild();
  });
});

describe('imports keep rankings longer than the stored head true', () => {
  const data = wideDataset();
  const atlas = useServedDatabase(async () => {
    const db = await emptyDatabase();
    await importDatasetFile(db.dataSource, datasetFile(data));
    return db;
  });
  const roles = data.roles!;
  const sources = ['wide-source'];

  /** One change to a role's links, by step: drop or restore the shared tool, add a skill, flip an importance. */
  function change(step: number): RoleRecord {
    const role = roles[(step * 37) % roles.length];
    const skills = role.skills ?? [];
    if (step % 4 === 0) role.tools = [];
    else if (step % 4 === 3) role.tools = [{ tool: 'wide-tool', importance: Importance.OPTIONAL, sources }];
    else if (step % 4 === 1) {
      const missing = data.skills!.find((skill) => !skills.some((link) => link.skill === skill.slug));
      if (missing) role.skills = [...skills, { skill: missing.slug, importance: Importance.ESSENTIAL, sources }];
    } else if (skills.length) {
      const [first, ...rest] = skills;
      const importance = first.importance === Importance.ESSENTIAL ? Importance.OPTIONAL : Importance.ESSENTIAL;
      role.skills = [{ ...first, importance }, ...rest];
    }
    return role;
  }

  it('after each of a series of changes, holds what a rebuild from scratch computes', async () => {
    for (let step = 0; step < 12; step++) {
      await importDatasetFile(atlas.dataSource, datasetFile({ format: data.format, version: data.version, roles: [change(step)] }));
      const incremental = await storedPairs(atlas.dataSource);
      await atlas.dataSource.transaction((manager) => rebuildRoleSimilarity(manager));
      expect({ step, pairs: await storedPairs(atlas.dataSource) }).toEqual({ step, pairs: incremental });
    }
    const counts = await atlas.dataSource.query(`SELECT DISTINCT "relatedCount" AS n FROM "role_similarity"`);
    expect(counts.length).toBeGreaterThan(1);
  });
});
