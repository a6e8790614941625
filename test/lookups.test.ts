import type { Dataset, EntityList } from '../src/dataset/dataset.format';
import { writeDataset } from '../src/dataset/dataset.mapping';
import { toGlobalId, type NodeType } from '../src/shared/global-id';
import { SeedGraph } from './helpers/seed-graph';
import { useSeededServer } from './helpers/served-database';
import { emptyDatabase } from './helpers/test-database';
import { TestServer } from './helpers/test-server';

const seed = new SeedGraph();
const atlas = useSeededServer();

interface Lookup {
  field: string;
  type: NodeType;
  list: EntityList;
  label: 'name' | 'title';
}

const LOOKUPS: Lookup[] = [
  { field: 'role', type: 'Role', list: 'roles', label: 'name' },
  { field: 'skill', type: 'Skill', list: 'skills', label: 'name' },
  { field: 'tool', type: 'Tool', list: 'tools', label: 'name' },
  { field: 'responsibility', type: 'Responsibility', list: 'responsibilities', label: 'name' },
  { field: 'category', type: 'Category', list: 'categories', label: 'name' },
  { field: 'source', type: 'Source', list: 'sources', label: 'title' },
];

const records = (lookup: Lookup) => seed.list(lookup.list) as { slug: string; name?: string; title?: string }[];

/** Every record of a type looked up in one query, aliased r0, r1, ... by `argument`. */
async function lookUpAll(lookup: Lookup, argument: (slug: string) => string) {
  const fields = records(lookup).map((r, i) => `r${i}: ${lookup.field}(${argument(r.slug)}) { id slug ${lookup.label} }`);
  const data = await atlas.server.data<Record<string, unknown>>(`{ ${fields.join('\n')} }`);
  return records(lookup).map((_r, i) => data[`r${i}`]);
}

const expectedLookups = (lookup: Lookup) =>
  records(lookup).map((r) => ({ id: toGlobalId(lookup.type, r.slug), slug: r.slug, [lookup.label]: r[lookup.label] }));

/** Selects the slug of whichever Node type comes back. */
const NODE_FIELDS = `__typename id ${LOOKUPS.map((l) => `... on ${l.type} { slug }`).join(' ')}`;

describe.each(LOOKUPS)('Query.$field', (lookup) => {
  it(`finds every ${lookup.type} of the seed by slug, with an id made from its type and slug`, async () => {
    expect(await lookUpAll(lookup, (slug) => `slug: ${JSON.stringify(slug)}`)).toEqual(expectedLookups(lookup));
  });

  it(`finds every ${lookup.type} by its global id`, async () => {
    expect(await lookUpAll(lookup, (slug) => `id: ${JSON.stringify(toGlobalId(lookup.type, slug))}`)).toEqual(expectedLookups(lookup));
  });

  it('returns null for an unknown slug', async () => {
    const data = await atlas.server.data(`{ found: ${lookup.field}(slug: "no-such-thing") { id } }`);
    expect(data.found).toBeNull();
  });

  it('returns null for a well-formed id that names nothing', async () => {
    const data = await atlas.server.data(`query ($id: ID) { found: ${lookup.field}(id: $id) { id } }`, {
      id: toGlobalId(lookup.type, 'no-such-thing'),
    });
    expect(data.found).toBeNull();
  });

  it(`fetches a ${lookup.type} through node(id:)`, async () => {
    const slug = records(lookup)[0].slug;
    const data = await atlas.server.data(`query ($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id: toGlobalId(lookup.type, slug) });
    expect(data.node).toEqual({ __typename: lookup.type, id: toGlobalId(lookup.type, slug), slug });
  });
});

describe('Query.nodes', () => {
  it('returns objects of mixed types in the order asked, with null for well-formed ids that name nothing', async () => {
    const asked = [
      ['Tool', seed.list('tools')[3].slug],
      ['Role', 'no-such-role'],
      ['Role', seed.list('roles')[1].slug],
      ['Source', seed.list('sources')[0].slug],
      ['Skill', 'no-such-skill'],
      ['Category', seed.list('categories')[2].slug],
      ['Responsibility', seed.list('responsibilities')[4].slug],
      ['Skill', seed.list('skills')[0].slug],
    ] as const;
    const data = await atlas.server.data(`query ($ids: [ID!]!) { nodes(ids: $ids) { ${NODE_FIELDS} } }`, {
      ids: asked.map(([type, slug]) => toGlobalId(type, slug)),
    });
    expect(data.nodes).toEqual(
      asked.map(([type, slug]) => (slug.startsWith('no-such-') ? null : { __typename: type, id: toGlobalId(type, slug), slug })),
    );
  });

  it('returns an empty list for no ids', async () => {
    expect(await atlas.server.data(`{ nodes(ids: []) { id } }`)).toEqual({ nodes: [] });
  });

  it('returns the same object twice when an id is asked twice', async () => {
    const id = toGlobalId('Role', 'backend-developer');
    const data = await atlas.server.data(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [id, id] });
    expect(data.nodes).toEqual([{ id }, { id }]);
  });
});

describe('global ids', () => {
  it('gives role "backend-developer" the id base64url("Role:backend-developer")', async () => {
    const data = await atlas.server.data(`{ role(slug: "backend-developer") { id } }`);
    expect(data.role.id).toBe(Buffer.from('Role:backend-developer').toString('base64url'));
  });

  it('are the same in a database that stored the records in a different order', async () => {
    const { dataSource } = await emptyDatabase();
    const backwards = Object.fromEntries(
      Object.entries(seed.dataset).map(([key, value]) => [key, Array.isArray(value) ? [...value].reverse() : value]),
    ) as unknown as Dataset;
    await dataSource.transaction((manager) => writeDataset(manager, backwards));
    const other = await TestServer.start(dataSource);
    try {
      const rowIds = async (ds: typeof dataSource) => (await ds.query(`SELECT "slug", "id" FROM "tool" ORDER BY "slug"`)) as unknown[];
      expect(await rowIds(dataSource)).not.toEqual(await rowIds(atlas.dataSource));

      const ALL = `{ roles(first: 100) { nodes { slug id } } tools(first: 100) { nodes { slug id } } skills(first: 100) { nodes { slug id } } }`;
      expect(await other.data(ALL)).toEqual(await atlas.server.data(ALL));
    } finally {
      await other.stop();
      await dataSource.destroy();
    }
  });
});
