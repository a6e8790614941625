import { linkRelationKeys, RELATIONS } from '../src/model/relations';
import { NODE_TYPES } from '../src/model/node-types';
import { CACHE_HEADER } from '../src/cache/response-cache';
import { curatedServer } from './helpers/curator';

const ERRORS = 'userErrors { field message code }';
const SKILL_EDGES = `query($role: String!) { role(slug: $role) { skills(first: 100) { edges { importance sources { slug } node { slug } } } } }`;

/** A role's skill edges by skill slug. */
async function skillEdges(world: Awaited<ReturnType<typeof curatedServer>>, role: string) {
  const { data } = await world.anonymous.query(SKILL_EDGES, { role });
  return new Map(
    data.role.skills.edges.map((e: { node: { slug: string }; importance: string; sources: { slug: string }[] }) => [
      e.node.slug,
      { importance: e.importance, sources: e.sources.map((s) => s.slug) },
    ]),
  );
}

describe('link and unlink mutations', () => {
  let world: Awaited<ReturnType<typeof curatedServer>>;
  beforeAll(async () => {
    world = await curatedServer({ responseCacheBytes: 8 * 1024 * 1024, responseCachePollMs: 0 });
  });
  afterAll(() => world.stop());

  it('exist for every link relation of the model registry, named after it', async () => {
    const { data } = await world.anonymous.query('{ __schema { mutationType { fields { name } } } }');
    const names = new Set(data.__schema.mutationType.fields.map((f: { name: string }) => f.name));
    for (const relation of linkRelationKeys) {
      const name = relation[0].toUpperCase() + relation.slice(1);
      expect([names.has(`link${name}`), names.has(`unlink${name}`)]).toEqual([true, true]);
    }
  });

  it('linkRoleSkill adds a link with its importance, cited by the key owner’s source', async () => {
    expect((await skillEdges(world, 'front-end-developer')).has('caching')).toBe(false);
    const payload = await world.writer.mutate(
      'linkRoleSkill',
      { role: 'front-end-developer', skill: 'caching', importance: 'OPTIONAL' },
      `role { slug } skill { slug } ${ERRORS}`,
    );
    expect(payload).toEqual({ role: { slug: 'front-end-developer' }, skill: { slug: 'caching' }, userErrors: [] });
    expect((await skillEdges(world, 'front-end-developer')).get('caching')).toEqual({
      importance: 'OPTIONAL',
      sources: ['acme-careers-team'],
    });
  });

  it('linkRoleSkill on a linked pair changes the attributes given and adds the sources', async () => {
    await world.writer.mutate('linkRoleSkill', {
      role: 'front-end-developer',
      skill: 'caching',
      importance: 'ESSENTIAL',
      sources: ['what-does-a-back-end-developer-do'],
    });
    expect((await skillEdges(world, 'front-end-developer')).get('caching')).toEqual({
      importance: 'ESSENTIAL',
      sources: ['acme-careers-team', 'what-does-a-back-end-developer-do'],
    });
  });

  it('linkRoleSkill refuses a new link without importance with INVALID, and an unknown skill with NOT_FOUND', async () => {
    const missing = await world.writer.mutate('linkRoleSkill', { role: 'front-end-developer', skill: 'ci-cd' });
    expect(missing.userErrors).toEqual([expect.objectContaining({ field: ['input', 'importance'], code: 'INVALID' })]);
    const unknown = await world.writer.mutate('linkRoleSkill', { role: 'front-end-developer', skill: 'no-such', importance: 'OPTIONAL' });
    expect(unknown.userErrors).toEqual([expect.objectContaining({ field: ['input', 'skill'], code: 'NOT_FOUND' })]);
  });

  it('unlinkRoleSkill removes the link with its citations, and a second unlink is NOT_FOUND', async () => {
    const payload = await world.writer.mutate('unlinkRoleSkill', { role: 'front-end-developer', skill: 'caching' });
    expect(payload.userErrors).toEqual([]);
    expect((await skillEdges(world, 'front-end-developer')).has('caching')).toBe(false);
    const again = await world.writer.mutate('unlinkRoleSkill', { role: 'front-end-developer', skill: 'caching' });
    expect(again.userErrors).toEqual([expect.objectContaining({ field: ['input', 'skill'], code: 'NOT_FOUND' })]);
  });

  it('linkRoleCollaboration links two roles read from both ends, and refuses a role with itself', async () => {
    const COLLABORATORS = 'query($r: String!) { role(slug: $r) { collaboratesWith(first: 50) { nodes { slug } } } }';
    await world.writer.mutate('linkRoleCollaboration', { role: 'front-end-developer', otherRole: 'database-specialist' });
    for (const [a, b] of [
      ['front-end-developer', 'database-specialist'],
      ['database-specialist', 'front-end-developer'],
    ]) {
      const { data } = await world.anonymous.query(COLLABORATORS, { r: a });
      expect(data.role.collaboratesWith.nodes.map((n: { slug: string }) => n.slug)).toContain(b);
    }
    const self = await world.writer.mutate('linkRoleCollaboration', { role: 'front-end-developer', otherRole: 'front-end-developer' });
    expect(self.userErrors).toEqual([expect.objectContaining({ code: 'INVALID' })]);
  });

  it('links and unlinks every relation, each through its own pair of mutations', async () => {
    const slugs = async (type: string) => {
      const list = NODE_TYPES[type as keyof typeof NODE_TYPES].datasetList;
      const { data } = await world.anonymous.query(`{ ${list}(first: 3) { nodes { slug } } }`);
      return data[list].nodes.map((n: { slug: string }) => n.slug) as string[];
    };
    for (const relation of linkRelationKeys) {
      const spec = RELATIONS[relation];
      const name = relation[0].toUpperCase() + relation.slice(1);
      const [from, to] = [spec.from.column.replace(/Id$/, ''), spec.to.column.replace(/Id$/, '')];
      const [a] = await slugs(spec.from.type);
      const b = (await slugs(spec.to.type)).find((s) => s !== a)!;
      const attributes = Object.fromEntries(
        spec.attributes.map((x) => [
          x.column,
          { importance: 'OPTIONAL', real: 2.5, flag: true, integer: 3, text: 'Primary-Short' }[x.kind],
        ]),
      );
      const linked = await world.writer.mutate(`link${name}`, { [from]: a, [to]: b, ...attributes });
      expect([relation, linked.userErrors]).toEqual([relation, []]);
      const unlinked = await world.writer.mutate(`unlink${name}`, { [from]: a, [to]: b });
      expect([relation, unlinked.userErrors]).toEqual([relation, []]);
    }
  });

  it('keeps relatedRoles true: two new roles that come to share a skill rank each other', async () => {
    await world.writer.mutate('createRole', { name: 'Cache Tuner' });
    await world.writer.mutate('createRole', { name: 'Cache Auditor' });
    await world.writer.mutate('createSkill', { name: 'Cache Eviction Policies', kind: 'TECHNICAL' });
    const RELATED = '{ role(slug: "cache-tuner") { relatedRoles(first: 5) { nodes { slug } } } }';
    expect((await world.anonymous.query(RELATED)).data.role.relatedRoles.nodes).toEqual([]);
    for (const role of ['cache-tuner', 'cache-auditor']) {
      await world.writer.mutate('linkRoleSkill', { role, skill: 'cache-eviction-policies', importance: 'ESSENTIAL' });
    }
    expect((await world.anonymous.query(RELATED)).data.role.relatedRoles.nodes).toEqual([{ slug: 'cache-auditor' }]);
  });

  it('invalidates the response cache: a cached answer changes after a write', async () => {
    const ask = async () => {
      const response = await fetch(world.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SKILL_EDGES, variables: { role: 'front-end-developer' } }),
      });
      return { cache: response.headers.get(CACHE_HEADER), body: (await response.json()) as { data: any } };
    };
    await ask();
    const cached = await ask();
    expect(cached.cache).toBe('HIT');
    await world.writer.mutate('linkRoleSkill', { role: 'front-end-developer', skill: 'caching', importance: 'OPTIONAL' });
    const fresh = await ask();
    expect(fresh.cache).toBe('MISS');
    expect(fresh.body.data.role.skills.edges.map((e: { node: { slug: string } }) => e.node.slug)).toContain('caching');
  });
});
