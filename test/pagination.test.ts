import { byScoreThenName, curatedWeight } from './helpers/expected-weights';
import { byName, SeedGraph } from './helpers/seed-graph';
import { useSeededServer } from './helpers/served-database';

const seed = new SeedGraph();
const atlas = useSeededServer();

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { slug: string } }[];
}
interface PageArgs {
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
}

const PAGE = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { slug } }`;

async function toolsPage(args: PageArgs): Promise<Page> {
  const data = await atlas.server.data(
    `query ($first: Int, $after: String, $last: Int, $before: String) { tools(first: $first, after: $after, last: $last, before: $before) { ${PAGE} } }`,
    { ...args },
  );
  return data.tools;
}

/** Follows `endCursor` forward (or `startCursor` backward) until the connection says there is no more. */
async function walk(direction: 'forward' | 'backward', size: number): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: Page = await toolsPage(direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor });
    pages.push(page);
    const more = direction === 'forward' ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    if (!more) return pages;
    if (pages.length > 100) throw new Error('the connection never reports its end');
    cursor = direction === 'forward' ? page.pageInfo.endCursor : page.pageInfo.startCursor;
  }
}

const slugsOf = (page: Page) => page.edges.map((e) => e.node.slug);
const toolsInNameOrder = byName(seed.list('tools')).map((t) => t.slug);
const SIZE = 7;

describe('paging forward with first/after', () => {
  let pages: Page[];
  beforeAll(async () => {
    pages = await walk('forward', SIZE);
  });

  it('collects every tool exactly once, in name order', () => {
    expect(pages.flatMap(slugsOf)).toEqual(toolsInNameOrder);
  });

  it(`returns ${SIZE} items on every page but the last`, () => {
    expect(pages.length).toBe(Math.ceil(toolsInNameOrder.length / SIZE));
    expect(pages.slice(0, -1).every((p) => p.edges.length === SIZE)).toBe(true);
  });

  it('reports the same totalCount on every page', () => {
    expect(new Set(pages.map((p) => p.totalCount))).toEqual(new Set([toolsInNameOrder.length]));
  });

  it('has a next page on every page but the last', () => {
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual(pages.map((_p, i) => i < pages.length - 1));
  });

  it('has a previous page on every page but the first', () => {
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual(pages.map((_p, i) => i > 0));
  });

  it('gives the first and last edge cursors as startCursor and endCursor', () => {
    for (const page of pages) {
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
    }
  });

  it('returns an empty page after the last cursor, still counting every tool', async () => {
    const last = pages[pages.length - 1];
    const after = await toolsPage({ first: 5, after: last.pageInfo.endCursor });
    expect(after).toEqual({
      totalCount: toolsInNameOrder.length,
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
      edges: [],
    });
  });

  it('continues right after the edge whose cursor is passed as after', async () => {
    const edges = pages.flatMap((p) => p.edges);
    const page = await toolsPage({ first: 3, after: edges[10].cursor });
    expect(slugsOf(page)).toEqual(toolsInNameOrder.slice(11, 14));
  });

  it('returns the items strictly between after and before', async () => {
    const edges = pages.flatMap((p) => p.edges);
    const page = await toolsPage({ after: edges[4].cursor, before: edges[9].cursor });
    expect(slugsOf(page)).toEqual(toolsInNameOrder.slice(5, 9));
  });
});

describe('paging backward with last/before', () => {
  let pages: Page[];
  beforeAll(async () => {
    pages = await walk('backward', SIZE);
  });

  it('collects every tool exactly once; read back to front, the pages are in name order', () => {
    expect([...pages].reverse().flatMap(slugsOf)).toEqual(toolsInNameOrder);
  });

  it('starts with the last tools, with no next page', () => {
    expect(slugsOf(pages[0])).toEqual(toolsInNameOrder.slice(-SIZE));
    expect(pages[0].pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('ends on a page with no previous page', () => {
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual(pages.map((_p, i) => i < pages.length - 1));
  });
});

describe('page size', () => {
  it('returns 20 items when neither first nor last is given', async () => {
    const page = await toolsPage({});
    expect(slugsOf(page)).toEqual(toolsInNameOrder.slice(0, 20));
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('returns the whole list when first covers it', async () => {
    const page = await toolsPage({ first: 100 });
    expect(slugsOf(page)).toEqual(toolsInNameOrder);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });
});

describe('orderBy', () => {
  it('NAME DESC returns the tools in reverse name order', async () => {
    const data = await atlas.server.data(`{ tools(first: 100, orderBy: { field: NAME, direction: DESC }) { nodes { slug } } }`);
    expect(data.tools.nodes.map((n: { slug: string }) => n.slug)).toEqual([...toolsInNameOrder].reverse());
  });

  it('orders sources by title', async () => {
    const data = await atlas.server.data(`{ sources(first: 100) { nodes { slug } } }`);
    const byTitle = byName(seed.list('sources').map((s) => ({ slug: s.slug, name: s.title })));
    expect(data.sources.nodes.map((n: { slug: string }) => n.slug)).toEqual(byTitle.map((s) => s.slug));
  });

  describe('IMPORTANCE on Role.skills', () => {
    const role = 'backend-developer';
    const links = () => seed.roleSkills.of(role);
    const skillsPage = async (orderBy: string, first = 100, after: string | null = null) =>
      (
        await atlas.server.data(
          `query ($after: String) { role(slug: "${role}") { skills(first: ${first}, after: $after, orderBy: ${orderBy}) {
            pageInfo { hasNextPage endCursor } edges { importance node { slug } } } } }`,
          { after },
        )
      ).role.skills;

    it(`has a seed role (${role}) with both essential and optional skills`, () => {
      const importances = new Set(links().map((l) => l.importance));
      expect(importances).toEqual(new Set(['ESSENTIAL', 'OPTIONAL']));
    });

    it('puts ESSENTIAL skills first, each group by weight (the sources that support it), then in name order', async () => {
      const page = await skillsPage('{ field: IMPORTANCE }');
      const heaviestFirst = byScoreThenName(links().map((l) => ({ ...l, score: curatedWeight(l) })));
      expect(heaviestFirst[0].importance).toBe('ESSENTIAL');
      expect(heaviestFirst.at(-1)!.importance).toBe('OPTIONAL');
      expect(page.edges.map((e: any) => [e.importance, e.node.slug])).toEqual(heaviestFirst.map((l) => [l.importance, l.slug]));
    });

    it('puts OPTIONAL skills first when descending', async () => {
      const page = await skillsPage('{ field: IMPORTANCE, direction: DESC }');
      const optionalCount = links().filter((l) => l.importance === 'OPTIONAL').length;
      expect(page.edges.map((e: any) => e.importance)).toEqual(links().map((_l, i) => (i < optionalCount ? 'OPTIONAL' : 'ESSENTIAL')));
    });

    it('keeps the importance order across pages', async () => {
      const whole = (await skillsPage('{ field: IMPORTANCE }')).edges;
      const paged = [];
      let after: string | null = null;
      for (;;) {
        const page = await skillsPage('{ field: IMPORTANCE }', 6, after);
        paged.push(...page.edges);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(paged).toEqual(whole);
    });
  });
});

describe('nested pagination on Role.skills', () => {
  it('gives every role its own first page in one query', async () => {
    const data = await atlas.server.data(
      `{ roles(first: 100) { nodes { slug skills(first: 5) { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { slug } } } } }`,
    );
    const actual = Object.fromEntries(data.roles.nodes.map((r: any) => [r.slug, r.skills]));
    const wanted = Object.fromEntries(
      seed.list('roles').map((r) => {
        const all = seed.roleSkills.of(r.slug);
        return [
          r.slug,
          {
            totalCount: all.length,
            pageInfo: { hasNextPage: all.length > 5, hasPreviousPage: false },
            nodes: all.slice(0, 5).map((l) => ({ slug: l.slug })),
          },
        ];
      }),
    );
    expect(actual).toEqual(wanted);
  });

  it('walks the skills of several roles page by page, each role with its own cursor, in one query per round', async () => {
    const roles = [...seed.list('roles')]
      .sort((a, b) => (b.skills?.length ?? 0) - (a.skills?.length ?? 0))
      .slice(0, 3)
      .map((r) => r.slug);
    expect(roles.every((slug) => seed.roleSkills.of(slug).length > 0)).toBe(true);
    const collected = new Map<string, string[]>(roles.map((slug) => [slug, []]));
    let cursors = new Map<string, string | null>(roles.map((slug) => [slug, null]));
    for (let round = 0; cursors.size > 0; round++) {
      if (round > 50) throw new Error('the pages never end');
      const open = [...cursors.keys()];
      const variables = Object.fromEntries(open.map((_slug, i) => [`after${i}`, cursors.get(open[i])]));
      const query = `query (${open.map((_s, i) => `$after${i}: String`).join(', ')}) { ${open
        .map(
          (slug, i) =>
            `r${i}: role(slug: "${slug}") { skills(first: 5, after: $after${i}) { pageInfo { hasNextPage endCursor } nodes { slug } } }`,
        )
        .join(' ')} }`;
      const data = await atlas.server.data(query, variables);
      const next = new Map<string, string | null>();
      open.forEach((slug, i) => {
        const { pageInfo, nodes } = data[`r${i}`].skills;
        collected.get(slug)!.push(...nodes.map((n: { slug: string }) => n.slug));
        if (pageInfo.hasNextPage) next.set(slug, pageInfo.endCursor);
      });
      cursors = next;
    }
    expect(Object.fromEntries(collected)).toEqual(
      Object.fromEntries(roles.map((slug) => [slug, seed.roleSkills.of(slug).map((l) => l.slug)])),
    );
  });
});
