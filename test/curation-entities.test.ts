import { dumpTables } from './helpers/table-dump';
import { curatedServer, exportText } from './helpers/curator';

const SKILL = 'skill { slug name aliases kind revision category { slug } sources { slug } }';
const ERRORS = 'userErrors { field message code }';

describe('create, update and delete mutations', () => {
  let world: Awaited<ReturnType<typeof curatedServer>>;
  beforeAll(async () => {
    world = await curatedServer();
  });
  afterAll(() => world.stop());

  describe('createSkill', () => {
    it('creates a skill at revision 1, cited by the API key owner’s source, and serves it at once', async () => {
      const payload = await world.writer.mutate(
        'createSkill',
        { name: 'Event Sourcing', kind: 'TECHNICAL', category: 'databases' },
        `${SKILL} ${ERRORS}`,
      );
      expect(payload.userErrors).toEqual([]);
      expect(payload.skill).toEqual({
        slug: 'event-sourcing',
        name: 'Event Sourcing',
        aliases: [],
        kind: 'TECHNICAL',
        revision: 1,
        category: { slug: 'databases' },
        sources: [{ slug: 'acme-careers-team' }],
      });
      const read = await world.anonymous.query('{ skill(slug: "event-sourcing") { name } }');
      expect(read.data.skill).toEqual({ name: 'Event Sourcing' });
    });

    it('cites the sources the input names instead', async () => {
      const payload = await world.writer.mutate(
        'createSkill',
        { name: 'Saga Pattern', kind: 'TECHNICAL', sources: ['what-does-a-back-end-developer-do'] },
        SKILL,
      );
      expect(payload.skill.sources).toEqual([{ slug: 'what-does-a-back-end-developer-do' }]);
    });

    it('refuses a slug in use with TAKEN at input.slug', async () => {
      const payload = await world.writer.mutate(
        'createSkill',
        { name: 'Caching again', slug: 'caching', kind: 'TECHNICAL' },
        `${SKILL} ${ERRORS}`,
      );
      expect(payload.skill).toBeNull();
      expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'slug'], code: 'TAKEN' })]);
    });

    it('refuses an unknown category and an unknown source with NOT_FOUND at their paths', async () => {
      const payload = await world.writer.mutate('createSkill', { name: 'Orphan', kind: 'SOFT', category: 'no-such', sources: ['nope'] });
      expect(payload.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'category'], code: 'NOT_FOUND', message: 'No category has the slug "no-such".' }),
        expect.objectContaining({ field: ['input', 'sources', '0'], code: 'NOT_FOUND' }),
      ]);
    });

    it('refuses invalid values with INVALID at their paths (class-validator)', async () => {
      const payload = await world.writer.mutate('createSkill', { name: '', slug: 'Not A Slug', kind: 'SOFT' });
      expect(payload.userErrors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code]).sort()).toEqual([
        ['input.name', 'INVALID'],
        ['input.slug', 'INVALID'],
      ]);
    });
  });

  describe('updateSkill', () => {
    it('renames a skill: the slug stays, the old name becomes an alias, the revision grows', async () => {
      await world.writer.mutate('createSkill', { name: 'Message Queues', kind: 'TECHNICAL' });
      const payload = await world.writer.mutate(
        'updateSkill',
        { slug: 'message-queues', name: 'Message Brokers', expectedRevision: 1 },
        `${SKILL} ${ERRORS}`,
      );
      expect(payload.userErrors).toEqual([]);
      expect(payload.skill).toMatchObject({ slug: 'message-queues', name: 'Message Brokers', aliases: ['Message Queues'], revision: 2 });
    });

    it('refuses a stale expectedRevision with CONFLICT and writes nothing', async () => {
      const before = await exportText(world.dataSource);
      const payload = await world.writer.mutate('updateSkill', { slug: 'message-queues', description: 'late', expectedRevision: 1 });
      expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'expectedRevision'], code: 'CONFLICT' })]);
      expect(await exportText(world.dataSource)).toBe(before);
    });

    it('clears a field given as null and keeps the ones left out', async () => {
      const payload = await world.writer.mutate('updateSkill', { slug: 'event-sourcing', category: null }, SKILL);
      expect(payload.skill).toMatchObject({ name: 'Event Sourcing', category: null, revision: 2 });
    });

    it('refuses an unknown slug with NOT_FOUND', async () => {
      const payload = await world.writer.mutate('updateSkill', { slug: 'no-such-skill', name: 'X' });
      expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'slug'], code: 'NOT_FOUND' })]);
    });
  });

  describe('updateCategory', () => {
    it('re-parents a category', async () => {
      const payload = await world.writer.mutate('updateCategory', { slug: 'caching', parent: 'databases' }, 'category { parent { slug } }');
      expect(payload.category.parent).toEqual({ slug: 'databases' });
    });

    it('refuses a parent that would make a cycle with INVALID at input.parent', async () => {
      const payload = await world.writer.mutate('updateCategory', { slug: 'databases', parent: 'caching' });
      expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'parent'], code: 'INVALID' })]);
    });
  });

  describe('updateRole', () => {
    it('sets a role’s broader role', async () => {
      const payload = await world.writer.mutate(
        'updateRole',
        { slug: 'api-integration-developer', broader: 'backend-developer' },
        'role { broader { slug } }',
      );
      expect(payload.role.broader).toEqual({ slug: 'backend-developer' });
    });
  });

  describe('addAliases and removeAliases', () => {
    it('add names once and remove them case-insensitively', async () => {
      const { skill } = await world.anonymous.query('{ skill(slug: "caching") { id aliases } }').then((r) => r.data);
      const added = await world.writer.mutate(
        'addAliases',
        { id: skill.id, aliases: ['Caches', 'caches', 'Cache Layer'] },
        `node { ... on Skill { aliases } } ${ERRORS}`,
      );
      expect(added.node.aliases).toEqual([...skill.aliases, 'Caches', 'Cache Layer']);
      const removed = await world.writer.mutate(
        'removeAliases',
        { id: skill.id, aliases: ['CACHES'] },
        'node { ... on Skill { aliases } }',
      );
      expect(removed.node.aliases).toEqual([...skill.aliases, 'Cache Layer']);
    });

    it('refuse a category, which has no aliases, with INVALID', async () => {
      const { category } = await world.anonymous.query('{ category(slug: "caching") { id } }').then((r) => r.data);
      const payload = await world.writer.mutate('addAliases', { id: category.id, aliases: ['x'] });
      expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'INVALID' })]);
    });
  });

  describe('deleteRole', () => {
    it('deletes a role with its links and says how many went; its narrower roles lose their broader role', async () => {
      const narrower = await world.anonymous.query('{ roles(first: 100) { nodes { slug broader { slug } } } }');
      const children = narrower.data.roles.nodes.filter(
        (r: { broader: { slug: string } | null }) => r.broader?.slug === 'backend-developer',
      );
      expect(children.length).toBeGreaterThan(0);
      const payload = await world.writer.mutate('deleteRole', { slug: 'backend-developer' }, `deletedId removedLinks ${ERRORS}`);
      expect(payload.userErrors).toEqual([]);
      expect(payload.removedLinks).toBeGreaterThan(children.length);
      const after = await world.anonymous.query(
        `{ role(slug: "backend-developer") { slug } child: role(slug: "${children[0].slug}") { broader { slug } } }`,
      );
      expect(after.data).toEqual({ role: null, child: { broader: null } });
      const dangling = await world.dataSource.query(
        `SELECT COUNT(*) AS n FROM "citation" WHERE "subjectType" = 'role_skill' AND "subjectId" NOT IN (SELECT "id" FROM "role_skill")`,
      );
      expect(dangling[0].n).toBe(0);
    });
  });

  describe('deleteSource', () => {
    it('refuses a cited source with IN_USE', async () => {
      const payload = await world.writer.mutate('deleteSource', { slug: 'what-does-a-back-end-developer-do' }, `deletedId ${ERRORS}`);
      expect(payload.deletedId).toBeNull();
      expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'IN_USE' })]);
    });

    it('deletes a source nothing cites', async () => {
      await world.writer.mutate('createSource', { title: 'Scratch Notes' });
      const payload = await world.writer.mutate('deleteSource', { slug: 'scratch-notes' }, `deletedId removedLinks ${ERRORS}`);
      expect(payload).toMatchObject({ removedLinks: 0, userErrors: [] });
    });
  });

  describe('a refused mutation', () => {
    it('leaves every table byte-for-byte as it was', async () => {
      const before = await dumpTables(world.dataSource, { withCounters: true });
      const payload = await world.writer.mutate('createRole', {
        name: 'Ghost Role',
        broader: 'no-such-role',
        sources: ['acme-careers-team'],
      });
      expect(payload.userErrors).toHaveLength(1);
      expect(await dumpTables(world.dataSource, { withCounters: true })).toEqual(before);
    });
  });
});
