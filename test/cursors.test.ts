import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportDataset } from '../src/dataset/dataset.export';
import type { Dataset } from '../src/dataset/dataset.format';
import { importDatasetFile } from '../src/dataset/dataset.import';
import { encodePositionCursor } from '../src/shared/cursor';
import { Importance } from '../src/shared/enums';
import { SkillKind } from '../src/skill/skill.entity';
import { onlyError } from './helpers/graphql-errors';
import { useServedDatabase } from './helpers/served-database';
import { seededDatabase } from './helpers/test-database';

// Its own database: these tests add rows between two page requests, as writes will.
const atlas = useServedDatabase(seededDatabase);

interface Page {
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  nodes: { slug: string; name: string }[];
}

const PAGE = `pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { slug name }`;
const slugs = (page: Page) => page.nodes.map((n) => n.slug);

async function toolsPage(args: { first?: number; after?: string | null; last?: number; before?: string | null }): Promise<Page> {
  const data = await atlas.server.data(
    `query ($first: Int, $after: String, $last: Int, $before: String) { tools(first: $first, after: $after, last: $last, before: $before) { ${PAGE} } }`,
    args,
  );
  return data.tools;
}

/** Every tool's slug in the list's order, as the API gives it now. */
async function allTools(): Promise<string[]> {
  return slugs(await toolsPage({ first: 100 }));
}

let added = 0;

/** Imports a dataset file holding `records`, through the import path every writer uses. */
async function importRecords(records: Partial<Omit<Dataset, 'format' | 'version'>>): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'skill-atlas-cursors-')), 'dataset.json');
  writeFileSync(file, JSON.stringify({ format: 'skill-atlas-dataset', version: 1, ...records }));
  await importDatasetFile(atlas.dataSource, file);
}

/** Adds a tool named `name` and returns its slug. */
async function addTool(name: string): Promise<string> {
  const slug = `added-tool-${++added}`;
  const { sources } = await exportDataset(atlas.dataSource);
  await importRecords({ tools: [{ slug, name, sources: [sources![0].slug] }] });
  return slug;
}

/** Adds a skill named `name` and links it to the role; returns the skill's slug. */
async function addSkillTo(role: string, name: string): Promise<string> {
  const slug = `added-skill-${++added}`;
  const current = await exportDataset(atlas.dataSource);
  const source = current.sources![0].slug;
  const record = current.roles!.find((r) => r.slug === role)!;
  await importRecords({
    skills: [{ slug, name, kind: SkillKind.TECHNICAL, sources: [source] }],
    roles: [{ ...record, skills: [...(record.skills ?? []), { skill: slug, importance: Importance.ESSENTIAL, sources: [source] }] }],
  });
  return slug;
}

describe('paging a top-level list while tools are added', () => {
  it('neither skips nor repeats a tool when one is added before the cursor', async () => {
    const before = await allTools();
    const first = await toolsPage({ first: 5 });
    const added = await addTool(`${first.nodes[0].name} (added)`);
    expect((await allTools()).slice(0, 5)).toContain(added);
    const next = await toolsPage({ first: 5, after: first.pageInfo.endCursor });
    expect(slugs(next)).toEqual(before.slice(5, 10));
  });

  it('shows a tool added right after the cursor first on the next page', async () => {
    const first = await toolsPage({ first: 5 });
    const added = await addTool(`${first.nodes[4].name} (added after it)`);
    const next = await toolsPage({ first: 5, after: first.pageInfo.endCursor });
    expect(slugs(next)[0]).toBe(added);
  });

  it('pages backward from a cursor without skipping a tool added after it', async () => {
    const before = await allTools();
    const last = await toolsPage({ last: 3 });
    await addTool('zzz Added after every tool');
    const previous = await toolsPage({ last: 3, before: last.pageInfo.startCursor });
    expect(slugs(previous)).toEqual(before.slice(-6, -3));
    expect(previous.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('still knows there is a previous page when the cursor is past every row', async () => {
    const before = await allTools();
    const last = await toolsPage({ last: 1 });
    const next = await toolsPage({ first: 5, after: last.pageInfo.endCursor });
    expect(next).toEqual({ pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null }, nodes: [] });
    expect(before.length).toBeGreaterThan(5);
  });
});

describe('paging a nested connection while skills are linked', () => {
  const role = 'backend-developer';
  const skillsPage = async (after: string | null): Promise<Page> =>
    (await atlas.server.data(`query ($after: String) { role(slug: "${role}") { skills(first: 4, after: $after) { ${PAGE} } } }`, { after }))
      .role.skills;

  it('neither skips nor repeats a skill when one is linked before the cursor', async () => {
    const before = slugs((await atlas.server.data(`{ role(slug: "${role}") { skills(first: 100) { ${PAGE} } } }`)).role.skills as Page);
    expect(before.length).toBeGreaterThan(8);
    const first = await skillsPage(null);
    const added = await addSkillTo(role, `${first.nodes[0].name} (added)`);
    expect(slugs(await skillsPage(null))).toContain(added);
    const next = await skillsPage(first.pageInfo.endCursor);
    expect(slugs(next)).toEqual(before.slice(4, 8));
    expect(next.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it("applies one cursor's key to every parent of a level, in one statement for the level", async () => {
    const everyRole = `{ roles(first: 100) { nodes { slug skills(first: 100) { nodes { slug name } } } } }`;
    const whole = (await atlas.server.data(everyRole)).roles.nodes as {
      slug: string;
      skills: { nodes: { slug: string; name: string }[] };
    }[];
    const cursor = (await skillsPage(null)).pageInfo.endCursor;
    const cursorName = (await atlas.server.data(`{ role(slug: "${role}") { skills(first: 4) { nodes { name } } } }`)).role.skills.nodes[3]
      .name;
    const { data, statements } = await atlas.run(
      `query ($after: String) { roles(first: 100) { nodes { slug skills(first: 3, after: $after) { nodes { slug } } } } }`,
      { after: cursor },
    );
    expect(statements).toBe(2);
    const fold = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());
    for (const r of data.roles.nodes as { slug: string; skills: { nodes: { slug: string }[] } }[]) {
      const expected = whole
        .find((w) => w.slug === r.slug)!
        .skills.nodes.filter((s) => fold(s.name) > fold(cursorName))
        .slice(0, 3)
        .map((s) => s.slug);
      expect({ role: r.slug, skills: r.skills.nodes.map((s) => s.slug) }).toEqual({ role: r.slug, skills: expected });
    }
  });
});

describe('walking a nested connection in every order of its link', () => {
  const role = 'backend-developer';
  const ORDERS = ['NAME', 'IMPORTANCE', 'IMPORTANCE_SCORE', 'LEVEL'].flatMap((field) =>
    ['ASC', 'DESC'].map((direction) => `{ field: ${field}, direction: ${direction} }`),
  );

  beforeAll(async () => {
    // Ratings on some links only, with ties, so the walks cross equal values and the NULLs.
    const current = await exportDataset(atlas.dataSource);
    const record = current.roles!.find((r) => r.slug === role)!;
    const skills = (record.skills ?? []).map((link, i) =>
      i % 3 === 2 ? link : { ...link, importanceScore: 1 + (i % 4), level: i % 2 === 0 ? 3.5 : null },
    );
    await importRecords({ roles: [{ ...record, skills }] });
  });

  const skillsPage = async (orderBy: string, args: Record<string, unknown>): Promise<Page> =>
    (
      await atlas.server.data(
        `query ($first: Int, $after: String, $last: Int, $before: String) { role(slug: "${role}") {
          skills(orderBy: ${orderBy}, first: $first, after: $after, last: $last, before: $before) { ${PAGE} } } }`,
        args,
      )
    ).role.skills;

  it('has links with equal ratings and links without one, for the walks to cross', async () => {
    const { edges } = (await atlas.server.data(`{ role(slug: "${role}") { skills(first: 100) { edges { importanceScore level } } } }`)).role
      .skills as { edges: { importanceScore: number | null; level: number | null }[] };
    const scores = edges.map((e) => e.importanceScore);
    expect(scores).toContain(null);
    expect(scores.filter((v) => v === 1).length).toBeGreaterThan(1);
    expect(edges.map((e) => e.level)).toEqual(expect.arrayContaining([3.5, null]));
  });

  it.each(ORDERS)('collects every skill once, forward and backward, in the order %s', async (orderBy) => {
    const whole = slugs(await skillsPage(orderBy, { first: 100 }));
    expect(whole.length).toBeGreaterThan(8);
    const forward: string[] = [];
    for (
      let page = await skillsPage(orderBy, { first: 3 });
      ;
      page = await skillsPage(orderBy, { first: 3, after: page.pageInfo.endCursor })
    ) {
      forward.push(...slugs(page));
      if (!page.pageInfo.hasNextPage) break;
    }
    const backward: string[] = [];
    for (
      let page = await skillsPage(orderBy, { last: 3 });
      ;
      page = await skillsPage(orderBy, { last: 3, before: page.pageInfo.startCursor })
    ) {
      backward.unshift(...slugs(page));
      if (!page.pageInfo.hasPreviousPage) break;
    }
    expect(forward).toEqual(whole);
    expect(backward).toEqual(whole);
  });
});

describe('a cursor the list cannot use', () => {
  it('is refused with BAD_USER_INPUT when it comes from another order, naming both orders', async () => {
    const descending = (await atlas.server.data(`{ tools(first: 2, orderBy: { direction: DESC }) { pageInfo { endCursor } } }`)).tools;
    const error = onlyError(
      await atlas.server.query(`query ($after: String) { tools(first: 2, after: $after) { nodes { slug } } }`, {
        after: descending.pageInfo.endCursor,
      }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('NAME DESC');
    expect(error.message).toContain('NAME ASC');
    expect(error.extensions?.argument).toBe('after');
  });

  it("is refused on a nested connection when it comes from the link's other order", async () => {
    const byImportance = (
      await atlas.server.data(
        `{ role(slug: "backend-developer") { skills(first: 2, orderBy: { field: IMPORTANCE }) { pageInfo { endCursor } } } }`,
      )
    ).role.skills;
    const error = onlyError(
      await atlas.server.query(
        `query ($before: String) { role(slug: "backend-developer") { skills(last: 2, before: $before) { nodes { slug } } } }`,
        {
          before: byImportance.pageInfo.endCursor,
        },
      ),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('IMPORTANCE ASC');
    expect(error.extensions?.argument).toBe('before');
  });

  it('is refused when it is a position cursor, telling the client to start again from the first page', async () => {
    const error = onlyError(
      await atlas.server.query(`query ($after: String) { tools(first: 2, after: $after) { nodes { slug } } }`, {
        after: encodePositionCursor(10),
      }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('position cursor');
    expect(error.message).toContain('first page');
  });

  it('is refused when its key does not fit the order', async () => {
    const forged = Buffer.from('cursor:v2:NAME:ASC:["Docker"]').toString('base64url');
    const error = onlyError(
      await atlas.server.query(`query ($after: String) { tools(first: 2, after: $after) { nodes { slug } } }`, { after: forged }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('not a valid cursor');
  });

  it("is refused by a ranked list when it is a list's key cursor", async () => {
    const key = (await atlas.server.data(`{ tools(first: 2) { pageInfo { endCursor } } }`)).tools.pageInfo.endCursor;
    const error = onlyError(
      await atlas.server.query(`query ($after: String) { search(query: "api", after: $after) { totalCount } }`, { after: key }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('not a valid cursor');
  });
});
