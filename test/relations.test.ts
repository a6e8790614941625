import { byName, SeedGraph, type ExpectedLink, type Links } from './helpers/seed-graph';
import { useSeededServer } from './helpers/served-database';

const seed = new SeedGraph();
const atlas = useSeededServer();

interface SourceRef {
  slug: string;
  title: string;
}
interface Edge {
  importance?: string;
  sources?: SourceRef[];
  node: { slug: string };
}
interface Connection {
  totalCount: number;
  edges: Edge[];
}
type Row = { slug: string } & Record<string, any>;

const SOURCES = `sources { slug title }`;
/** A relation page big enough for any seed record, with what each edge carries. */
const linked = (field: string, edge = SOURCES) => `${field}(first: 100) { totalCount edges { ${edge} node { slug } } }`;
const withImportance = `importance ${SOURCES}`;

const QUERY = `{
  roles(first: 100) { totalCount nodes { slug ${SOURCES} broader { slug }
    ${linked('skills', withImportance)} ${linked('tools', withImportance)} ${linked('responsibilities')}
    ${linked('specializations')} ${linked('collaboratesWith')} } }
  skills(first: 100) { totalCount nodes { slug ${SOURCES} category { slug }
    ${linked('roles', withImportance)} ${linked('tools')} ${linked('responsibilities')} } }
  tools(first: 100) { totalCount nodes { slug ${SOURCES} category { slug } ${linked('roles', withImportance)} ${linked('skills')} } }
  responsibilities(first: 100) { totalCount nodes { slug ${SOURCES} ${linked('roles')} ${linked('skills')} } }
  categories(first: 100) { totalCount nodes { slug parent { slug } ${linked('children', '')} ${linked('skills', '')} ${linked('tools', '')} } }
}`;

let graph: Record<'roles' | 'skills' | 'tools' | 'responsibilities' | 'categories', { totalCount: number; nodes: Row[] }>;
beforeAll(async () => {
  graph = await atlas.server.data(QUERY);
});

const sortedSources = (sources: SourceRef[]) => [...sources].sort((a, b) => a.slug.localeCompare(b.slug));
const seedSources = (slugs: readonly string[]) => sortedSources(slugs.map((slug) => ({ slug, title: seed.sourceTitle(slug) })));

/** A connection as comparable data: the linked slugs in the order served, with each edge's attributes. */
function served(connection: Connection) {
  return {
    totalCount: connection.totalCount,
    edges: connection.edges.map((e) => ({
      slug: e.node.slug,
      ...(e.importance === undefined ? {} : { importance: e.importance }),
      ...(e.sources === undefined ? {} : { sources: sortedSources(e.sources) }),
    })),
  };
}

/** What the seed says the same connection must hold, in the default (name) order. */
function expected(links: ExpectedLink[], options: { sources?: boolean } = {}) {
  return {
    totalCount: links.length,
    edges: links.map((l) => ({
      slug: l.slug,
      ...(l.importance === undefined ? {} : { importance: l.importance }),
      ...(options.sources === false ? {} : { sources: seedSources(l.sources) }),
    })),
  };
}

/** Every parent's `field` as served, next to what the seed links say, keyed by parent slug. */
function compare(list: keyof typeof graph, field: string, links: Links, options?: { sources?: boolean }) {
  const actual = Object.fromEntries(graph[list].nodes.map((n) => [n.slug, served(n[field])]));
  const wanted = Object.fromEntries(seed.list(list).map((r) => [r.slug, expected(links.of(r.slug), options)]));
  // Guards against a vacuous pass where the seed graph and the server both come back empty.
  expect(Object.values(wanted).some((w) => w.totalCount > 0)).toBe(true);
  return { actual, wanted };
}

it('serves every record of the seed (each list fits in one page)', () => {
  for (const list of ['roles', 'skills', 'tools', 'responsibilities', 'categories'] as const) {
    expect({ list, count: graph[list].totalCount }).toEqual({ list, count: seed.list(list).length });
  }
});

describe('Role.skills ↔ Skill.roles', () => {
  it('lists the skills of each role with the importance and sources of the seed link', () => {
    const { actual, wanted } = compare('roles', 'skills', seed.roleSkills);
    expect(actual).toEqual(wanted);
  });

  it('lists the roles of each skill with the same importance and sources', () => {
    const { actual, wanted } = compare('skills', 'roles', seed.skillRoles);
    expect(actual).toEqual(wanted);
  });
});

describe('Role.tools ↔ Tool.roles', () => {
  it('lists the tools of each role with the importance and sources of the seed link', () => {
    const { actual, wanted } = compare('roles', 'tools', seed.roleTools);
    expect(actual).toEqual(wanted);
  });

  it('lists the roles of each tool with the same importance and sources', () => {
    const { actual, wanted } = compare('tools', 'roles', seed.toolRoles);
    expect(actual).toEqual(wanted);
  });
});

describe('Role.responsibilities ↔ Responsibility.roles', () => {
  it('lists the responsibilities of each role with the sources of the seed link', () => {
    const { actual, wanted } = compare('roles', 'responsibilities', seed.roleResponsibilities);
    expect(actual).toEqual(wanted);
  });

  it('lists the roles of each responsibility with the same sources', () => {
    const { actual, wanted } = compare('responsibilities', 'roles', seed.responsibilityRoles);
    expect(actual).toEqual(wanted);
  });
});

describe('Responsibility.skills ↔ Skill.responsibilities', () => {
  it('lists the skills of each responsibility with the sources of the seed link', () => {
    const { actual, wanted } = compare('responsibilities', 'skills', seed.responsibilitySkills);
    expect(actual).toEqual(wanted);
  });

  it('lists the responsibilities of each skill with the same sources', () => {
    const { actual, wanted } = compare('skills', 'responsibilities', seed.skillResponsibilities);
    expect(actual).toEqual(wanted);
  });
});

describe('Skill.tools ↔ Tool.skills', () => {
  it('lists the tools of each skill with the sources of the seed link', () => {
    const { actual, wanted } = compare('skills', 'tools', seed.skillTools);
    expect(actual).toEqual(wanted);
  });

  it('lists the skills of each tool with the same sources', () => {
    const { actual, wanted } = compare('tools', 'skills', seed.toolSkills);
    expect(actual).toEqual(wanted);
  });
});

describe('Role.specializations ↔ Role.broader', () => {
  it('lists the narrower roles of each role, cited by the narrower role’s own sources', () => {
    const { actual, wanted } = compare('roles', 'specializations', seed.specializations);
    expect(actual).toEqual(wanted);
  });

  it('gives each role the broader role of its seed record', () => {
    const actual = Object.fromEntries(graph.roles.nodes.map((r) => [r.slug, r.broader?.slug ?? null]));
    expect(actual).toEqual(Object.fromEntries(seed.list('roles').map((r) => [r.slug, r.broader ?? null])));
  });

  it('makes every role a specialization of its broader role', () => {
    const specializations = new Set(
      graph.roles.nodes.flatMap((r) => r.specializations.edges.map((e: Edge) => `${e.node.slug} < ${r.slug}`)),
    );
    const broader = new Set(graph.roles.nodes.filter((r) => r.broader).map((r) => `${r.slug} < ${r.broader.slug}`));
    expect(broader.size).toBeGreaterThan(0);
    expect(specializations).toEqual(broader);
  });
});

describe('Role.collaboratesWith', () => {
  it('lists the collaborators of each role, from either side of the seed link, citing the sources of both sides', () => {
    const { actual, wanted } = compare('roles', 'collaboratesWith', seed.collaborators);
    expect(actual).toEqual(wanted);
  });

  it('is symmetric: when A works with B, B works with A', () => {
    const pairs = graph.roles.nodes.flatMap((r) => r.collaboratesWith.edges.map((e: Edge) => [r.slug, e.node.slug] as const));
    expect(pairs.length).toBeGreaterThan(0);
    const listed = new Set(pairs.map(([a, b]) => `${a} ~ ${b}`));
    expect(pairs.filter(([a, b]) => !listed.has(`${b} ~ ${a}`))).toEqual([]);
  });
});

describe('Category', () => {
  const bySlug = () => Object.fromEntries(graph.categories.nodes.map((c) => [c.slug, c]));
  const inNameOrder = <T extends { slug: string; name: string }>(items: T[]) => ({
    totalCount: items.length,
    edges: byName(items).map((i) => ({ slug: i.slug })),
  });

  it('gives each category the parent of its seed record', () => {
    const actual = Object.fromEntries(graph.categories.nodes.map((c) => [c.slug, c.parent?.slug ?? null]));
    expect(actual).toEqual(Object.fromEntries(seed.list('categories').map((c) => [c.slug, c.parent ?? null])));
  });

  it('lists the direct subcategories of each category as children', () => {
    const categories = bySlug();
    const actual = Object.fromEntries(seed.list('categories').map((c) => [c.slug, served(categories[c.slug].children)]));
    const wanted = Object.fromEntries(
      seed.list('categories').map((c) => [c.slug, inNameOrder(seed.list('categories').filter((x) => x.parent === c.slug))]),
    );
    expect(actual).toEqual(wanted);
  });

  it('lists the skills filed directly under each category', () => {
    const categories = bySlug();
    const actual = Object.fromEntries(seed.list('categories').map((c) => [c.slug, served(categories[c.slug].skills)]));
    const wanted = Object.fromEntries(
      seed.list('categories').map((c) => [c.slug, inNameOrder(seed.list('skills').filter((s) => s.category === c.slug))]),
    );
    expect(actual).toEqual(wanted);
  });

  it('lists the tools filed directly under each category', () => {
    const categories = bySlug();
    const actual = Object.fromEntries(seed.list('categories').map((c) => [c.slug, served(categories[c.slug].tools)]));
    const wanted = Object.fromEntries(
      seed.list('categories').map((c) => [c.slug, inNameOrder(seed.list('tools').filter((t) => t.category === c.slug))]),
    );
    expect(actual).toEqual(wanted);
  });
});

describe('Skill.category and Tool.category', () => {
  it('give each skill the category of its seed record', () => {
    const actual = Object.fromEntries(graph.skills.nodes.map((s) => [s.slug, s.category?.slug ?? null]));
    expect(actual).toEqual(Object.fromEntries(seed.list('skills').map((s) => [s.slug, s.category ?? null])));
  });

  it('give each tool the category of its seed record', () => {
    const actual = Object.fromEntries(graph.tools.nodes.map((t) => [t.slug, t.category?.slug ?? null]));
    expect(actual).toEqual(Object.fromEntries(seed.list('tools').map((t) => [t.slug, t.category ?? null])));
  });
});

describe('entity sources', () => {
  it.each(['roles', 'skills', 'tools', 'responsibilities'] as const)('list the sources each of the %s cites in the seed', (list) => {
    const actual = Object.fromEntries(graph[list].nodes.map((n) => [n.slug, sortedSources(n.sources)]));
    const wanted = Object.fromEntries(seed.list(list).map((r) => [r.slug, seedSources(r.sources)]));
    expect(actual).toEqual(wanted);
  });
});
