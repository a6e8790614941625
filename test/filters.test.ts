import { toGlobalId } from '../src/shared/global-id';
import { SeedGraph } from './helpers/seed-graph';
import { useSeededServer } from './helpers/served-database';

const seed = new SeedGraph();
const atlas = useSeededServer();

const FILTER_TYPES = {
  roles: 'RoleFilter',
  skills: 'SkillFilter',
  tools: 'ToolFilter',
  responsibilities: 'ResponsibilityFilter',
  categories: 'CategoryFilter',
  sources: 'SourceFilter',
} as const;
type List = keyof typeof FILTER_TYPES;

/** The slugs a filtered list returns (sorted), with its totalCount. */
async function filtered(list: List, filter: Record<string, unknown>) {
  const data = await atlas.server.data(
    `query ($filter: ${FILTER_TYPES[list]}) { items: ${list}(first: 100, filter: $filter) { totalCount nodes { slug } } }`,
    {
      filter,
    },
  );
  return { totalCount: data.items.totalCount as number, slugs: (data.items.nodes as { slug: string }[]).map((n) => n.slug).sort() };
}

/** What a filter must return, worked out from the seed records that pass `keep`. */
function expected<R extends { slug: string }>(records: readonly R[], keep: (r: R) => boolean) {
  const slugs = records
    .filter(keep)
    .map((r) => r.slug)
    .sort();
  return { totalCount: slugs.length, slugs };
}

/** Name or any alias contains the text, ignoring case: the documented meaning of nameContains. */
const nameOrAliasContains = (text: string) => (r: { name: string; aliases?: string[] }) =>
  [r.name, ...(r.aliases ?? [])].some((n) => n.toLowerCase().includes(text.toLowerCase()));

describe('nameContains', () => {
  it.each(['postgres', 'POSTGRESQL', 'k8s', 'golang', 'Sql', 'js'])(
    'finds the tools whose name or alias contains "%s", ignoring case',
    async (text) => {
      const wanted = expected(seed.list('tools'), nameOrAliasContains(text));
      expect(wanted.totalCount).toBeGreaterThan(0);
      expect(await filtered('tools', { nameContains: text })).toEqual(wanted);
    },
  );

  it('finds Kubernetes by its alias K8s alone', async () => {
    const kubernetes = seed.record('tools', 'kubernetes');
    expect(kubernetes.name.toLowerCase()).not.toContain('k8s');
    expect(kubernetes.aliases).toContain('K8s');
    expect((await filtered('tools', { nameContains: 'k8S' })).slugs).toEqual(['kubernetes']);
  });

  it.each(['back-end', 'DESIGNER', 'engineer'])('finds the roles whose name or alias contains "%s"', async (text) => {
    const wanted = expected(seed.list('roles'), nameOrAliasContains(text));
    expect(wanted.totalCount).toBeGreaterThan(0);
    expect(await filtered('roles', { nameContains: text })).toEqual(wanted);
  });

  it.each(['design', 'Microservices', 'debugging'])('finds the skills whose name or alias contains "%s"', async (text) => {
    const wanted = expected(seed.list('skills'), nameOrAliasContains(text));
    expect(wanted.totalCount).toBeGreaterThan(0);
    expect(await filtered('skills', { nameContains: text })).toEqual(wanted);
  });

  it('finds responsibilities by name', async () => {
    const wanted = expected(seed.list('responsibilities'), nameOrAliasContains('DATABASE'));
    expect(wanted.totalCount).toBeGreaterThan(0);
    expect(await filtered('responsibilities', { nameContains: 'DATABASE' })).toEqual(wanted);
  });

  it('finds categories by name', async () => {
    const wanted = expected(seed.list('categories'), nameOrAliasContains('Databases'));
    expect(wanted.totalCount).toBeGreaterThan(1);
    expect(await filtered('categories', { nameContains: 'databases' })).toEqual(wanted);
  });

  it('finds sources by title with titleContains', async () => {
    const wanted = expected(seed.list('sources'), (s) => s.title.toLowerCase().includes('back-end'));
    expect(wanted.totalCount).toBeGreaterThan(0);
    expect(await filtered('sources', { titleContains: 'BACK-END' })).toEqual(wanted);
  });

  describe('LIKE wildcards in the text match literally', () => {
    it.each([
      ['%', /./],
      ['_', /./],
      ['s_l', /s.l/i],
      ['p%sql', /p.*sql/i],
      ['\\', /./],
    ])('"%s" finds only names that contain it', async (text, wildcardMeaning) => {
      // A wildcard reading of the text would match seed tools; the literal text matches what the seed says.
      expect(seed.list('tools').some((t) => [t.name, ...(t.aliases ?? [])].some((n) => wildcardMeaning.test(n)))).toBe(true);
      expect(await filtered('tools', { nameContains: text })).toEqual(expected(seed.list('tools'), nameOrAliasContains(text)));
    });
  });
});

describe('category', () => {
  const databases = () => seed.categoryTree('databases');

  it('has a seed category (databases) whose subcategories hold tools', () => {
    expect(databases().size).toBeGreaterThan(1);
    expect(seed.list('tools').some((t) => t.category !== 'databases' && databases().has(t.category!))).toBe(true);
  });

  it('includes the tools of every subcategory', async () => {
    expect(await filtered('tools', { category: 'databases' })).toEqual(expected(seed.list('tools'), (t) => databases().has(t.category!)));
  });

  it('includes the skills of every subcategory', async () => {
    const tree = seed.categoryTree('soft-skills');
    const wanted = expected(seed.list('skills'), (s) => tree.has(s.category!));
    expect(wanted.totalCount).toBeGreaterThan(0);
    expect(await filtered('skills', { category: 'soft-skills' })).toEqual(wanted);
  });

  it('takes a category id as well as a slug', async () => {
    const id = toGlobalId('Category', 'databases');
    expect(await filtered('tools', { category: id })).toEqual(await filtered('tools', { category: 'databases' }));
  });

  it('returns nothing for a category that does not exist', async () => {
    expect(await filtered('tools', { category: 'no-such-category' })).toEqual({ totalCount: 0, slugs: [] });
  });

  it('narrows a relation too: the database tools of the backend developer', async () => {
    const data = await atlas.server.data(
      `{ role(slug: "backend-developer") { tools(first: 100, filter: { category: "databases" }) { totalCount nodes { slug } } } }`,
    );
    const wanted = seed.roleTools.of('backend-developer').filter((l) => databases().has(seed.record('tools', l.slug).category!));
    expect(wanted.length).toBeGreaterThan(0);
    expect(data.role.tools).toEqual({ totalCount: wanted.length, nodes: wanted.map((l) => ({ slug: l.slug })) });
  });
});

describe('kind', () => {
  it.each(['TECHNICAL', 'SOFT'])('returns exactly the %s skills of the seed', async (kind) => {
    const wanted = expected(seed.list('skills'), (s) => s.kind === kind);
    expect(wanted.totalCount).toBeGreaterThan(0);
    expect(await filtered('skills', { kind })).toEqual(wanted);
  });

  it('combines with the other filters as AND', async () => {
    const tree = seed.categoryTree('databases');
    const wanted = expected(seed.list('skills'), (s) => s.kind === 'TECHNICAL' && tree.has(s.category!) && nameOrAliasContains('data')(s));
    expect(wanted.totalCount).toBeGreaterThan(0);
    expect(await filtered('skills', { kind: 'TECHNICAL', category: 'databases', nameContains: 'data' })).toEqual(wanted);
  });
});

describe('topLevel', () => {
  it('true returns only the categories without a parent', async () => {
    const wanted = expected(seed.list('categories'), (c) => !c.parent);
    expect(wanted.totalCount).toBeGreaterThan(0);
    expect(await filtered('categories', { topLevel: true })).toEqual(wanted);
  });

  it('false returns only the subcategories', async () => {
    const wanted = expected(seed.list('categories'), (c) => !!c.parent);
    expect(wanted.totalCount).toBeGreaterThan(0);
    expect(await filtered('categories', { topLevel: false })).toEqual(wanted);
  });
});
