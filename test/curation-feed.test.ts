import { readDataVersion } from '../src/cache/data-version.store';
import { curatedServer, exportText } from './helpers/curator';
import { readFeed, replay } from './helpers/replay';
import { emptyDatabase } from './helpers/test-database';

const DATASET = '{ dataset { version updatedAt counts { roles skills tools responsibilities categories sources links citations } } }';
const dataset = (records: Record<string, unknown>) => ({ format: 'skill-atlas-dataset', version: 1, ...records });
const IMPORT = 'dryRun summary { list created updated unchanged } userErrors { field message code }';

describe('the audit trail, the data version and the change feed', () => {
  let world: Awaited<ReturnType<typeof curatedServer>>;
  beforeAll(async () => {
    world = await curatedServer();
  });
  afterAll(() => world.stop());

  it('dataset reports the data version, which every committed write advances, and the counts', async () => {
    const before = (await world.anonymous.query(DATASET)).data.dataset;
    expect(before.version).toBe(await readDataVersion(world.dataSource));
    expect(before.counts).toMatchObject({ roles: 18, responsibilities: 34, skills: 55, tools: 72, categories: 38 });
    await world.writer.mutate('createTool', { name: 'Feed Tool' });
    const after = (await world.anonymous.query(DATASET)).data.dataset;
    expect(after.version).toBe(before.version + 1);
    expect(after.counts.tools).toBe(73);
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));
  });

  it('a refused mutation leaves the data version where it was', async () => {
    const before = await readDataVersion(world.dataSource);
    await world.writer.mutate('createTool', { name: 'Feed Tool' });
    expect(await readDataVersion(world.dataSource)).toBe(before);
  });

  it('records who changed what, with the record before and after', async () => {
    await world.writer.mutate('updateTool', { slug: 'feed-tool', description: 'A tool for the feed.' });
    const { changes } = await readFeed(world.server);
    const last = changes.at(-1)!;
    const { data } = await world.anonymous.query(
      `query($since: String) { changes(since: $since, first: 1) { nodes { actor operation list slug action before after } } }`,
      { since: Buffer.from(`change:${last.sequence - 1}`).toString('base64url') },
    );
    expect(data.changes.nodes[0]).toEqual({
      actor: expect.stringMatching(/^api key \d+ \(Acme careers team\)$/),
      operation: 'updateTool',
      list: 'tools',
      slug: 'feed-tool',
      action: 'UPDATE',
      before: expect.objectContaining({ name: 'Feed Tool', description: '' }),
      after: expect.objectContaining({ name: 'Feed Tool', description: 'A tool for the feed.', sources: ['acme-careers-team'] }),
    });
  });

  it('importDataset with dryRun reports what it would do and writes nothing', async () => {
    const before = await exportText(world.dataSource);
    const data = dataset({
      skills: [{ slug: 'graph-databases', name: 'Graph Databases', kind: 'TECHNICAL', sources: ['acme-careers-team'] }],
    });
    const payload = await world.writer.mutate('importDataset', { dataset: data, dryRun: true }, IMPORT);
    expect(payload.userErrors).toEqual([]);
    expect(payload.summary.find((s: { list: string }) => s.list === 'skills')).toEqual({
      list: 'skills',
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    expect(await exportText(world.dataSource)).toBe(before);
  });

  it('importDataset writes through the import engine and records each record it changed', async () => {
    const data = dataset({
      skills: [{ slug: 'graph-databases', name: 'Graph Databases', kind: 'TECHNICAL', sources: ['acme-careers-team'] }],
    });
    const payload = await world.writer.mutate('importDataset', { dataset: data }, IMPORT);
    expect(payload).toMatchObject({ dryRun: false, userErrors: [] });
    expect((await world.anonymous.query('{ skill(slug: "graph-databases") { name } }')).data.skill).toEqual({ name: 'Graph Databases' });
    const last = (await readFeed(world.server)).changes.at(-1)!;
    expect(last).toMatchObject({ list: 'skills', slug: 'graph-databases', action: 'CREATE' });
  });

  it('importDataset reports every problem at its path under input.dataset, and writes nothing', async () => {
    const before = await exportText(world.dataSource);
    const data = dataset({
      roles: [
        {
          slug: 'r',
          name: 'R',
          sources: ['acme-careers-team'],
          skills: [{ skill: 'no-such-skill', importance: 'ESSENTIAL', sources: [] }],
        },
      ],
    });
    const payload = await world.writer.mutate('importDataset', { dataset: data }, IMPORT);
    expect(payload.summary).toEqual([]);
    expect(payload.userErrors).toContainEqual(
      expect.objectContaining({
        field: ['input', 'dataset', 'roles', '0', 'skills', '0', 'skill'],
        code: 'INVALID',
        message: 'unknown skill slug "no-such-skill"',
      }),
    );
    expect(await exportText(world.dataSource)).toBe(before);
  });

  it('keeps a second database in sync: replaying the feed from the start gives the same export, and again after more writes', async () => {
    await world.writer.mutate('updateSkill', { slug: 'caching', name: 'Caching Strategies' });
    await world.writer.mutate('linkRoleSkill', { role: 'front-end-developer', skill: 'caching', importance: 'OPTIONAL' });
    await world.writer.mutate('linkRoleCollaboration', { role: 'front-end-developer', otherRole: 'database-specialist' });
    await world.writer.mutate('updateCategory', { slug: 'caching', parent: 'databases' });
    await world.writer.mutate('deleteRole', { slug: 'backend-developer' });
    await world.writer.mutate('unlinkRoleSkill', { role: 'front-end-developer', skill: 'caching' });

    const copy = await emptyDatabase();
    const first = await readFeed(world.server);
    expect(first.changes.length).toBeGreaterThan(100);
    await replay(copy.dataSource, first.changes);
    expect(await exportText(copy.dataSource)).toBe(await exportText(world.dataSource));

    await world.writer.mutate('deleteSkill', { slug: 'graph-databases' });
    await world.writer.mutate('addAliases', { id: Buffer.from('Skill:caching').toString('base64url'), aliases: ['Cache Design'] });
    const next = await readFeed(world.server, first.cursor);
    expect(next.changes.map((c) => c.action)).toEqual(['DELETE', 'UPDATE']);
    await replay(copy.dataSource, next.changes);
    expect(await exportText(copy.dataSource)).toBe(await exportText(world.dataSource));
    await copy.dataSource.destroy();
  });

  it('refuses a cursor that is not one of the feed’s with BAD_USER_INPUT', async () => {
    const { errors } = await world.anonymous.query('{ changes(since: "nope") { totalCount } }');
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
