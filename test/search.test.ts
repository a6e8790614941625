import type { DataSource } from 'typeorm';
import { writeDataset } from '../src/dataset/dataset.mapping';
import { migrations, postgresMigrations } from '../src/migrations';
import { SearchIndex1763800000000 } from '../src/migrations/1763800000000-search-index';
import { PostgresSearchIndex1764700000000 } from '../src/migrations/postgres/1764700000000-postgres-search-index';
import { corrections, editDistance, matchExpression, MAX_WORDS, searchWords } from '../src/search/search.text';
import { readSeedDataset, seededOnetDatabase } from './helpers/datasets';
import { leaksInternals, onlyError } from './helpers/graphql-errors';
import { useServedDatabase, type ServedDatabase } from './helpers/served-database';
import type { StatementCounter } from './helpers/statement-counter';
import { emptyDatabase, ENGINE, queryOn, seededDatabase } from './helpers/test-database';
import type { GraphQLResponse } from './helpers/test-server';
import { useTwoSizes } from './helpers/two-sizes';

interface Hit {
  score: number;
  snippet: string;
  cursor: string;
  node: { __typename: string; name: string; slug: string };
}
interface Found {
  totalCount: number;
  correctedQuery: string | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: Hit[];
}

const SEARCH = `query ($query: String!, $types: [SearchableType!], $first: Int, $after: String) {
  search(query: $query, types: $types, first: $first, after: $after) {
    totalCount correctedQuery
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { score snippet cursor node {
      __typename
      ... on Role { name slug } ... on Responsibility { name slug } ... on Skill { name slug }
      ... on Tool { name slug } ... on Category { name slug }
    } }
  }
}`;

type SearchArgs = { types?: string[]; first?: number; after?: string };

/** search() on one served database: the raw response, the found page, and the statements it ran. */
function searchOn(db: ServedDatabase) {
  const ask = (query: string, args: SearchArgs = {}): Promise<GraphQLResponse<{ search: Found }>> =>
    db.server.query(SEARCH, { query, ...args });
  const find = async (query: string, args: SearchArgs = {}): Promise<Found> => {
    const response = await ask(query, args);
    if (response.errors) throw new Error(`search(${JSON.stringify(query)}) failed: ${JSON.stringify(response.errors)}`);
    return response.data!.search;
  };
  const statementsFor = async (query: string, args: SearchArgs = {}): Promise<number> =>
    (await db.counter.during(() => find(query, args))).length;
  return { db, ask, find, statementsFor };
}

/** A database opened with `open`, served for the describe, and searched through the real server. */
const useDatabase = (open: () => Promise<{ dataSource: DataSource; counter: StatementCounter }>, timeout?: number) =>
  searchOn(useServedDatabase(open, timeout));

const names = (found: Found) => found.edges.map((e) => e.node.name);
const top = (found: Found) => found.edges[0]?.node.name;

describe('query words', () => {
  it('are cut at anything but letters and digits, lower-cased and stripped of accents', () => {
    expect(searchWords('Kübernetes, "Node.js" AND C#!')).toEqual(['kubernetes', 'node', 'js', 'and', 'c']);
  });

  it(`stop after ${MAX_WORDS}`, () => {
    expect(searchWords('a '.repeat(100))).toHaveLength(MAX_WORDS);
  });

  it('reach FTS5 only as quoted strings, as prefixes when longer than one character', () => {
    expect(
      matchExpression([
        { word: 'kube', corrections: [] },
        { word: 'c', corrections: [] },
      ]),
    ).toBe('("kube"*) AND ("c")');
    expect(matchExpression([{ word: 'pyhton', corrections: ['python'] }])).toBe('("python")');
  });
});

describe('editDistance', () => {
  it.each([
    ['pyhton', 'python', 1],
    ['kubernetse', 'kubernetes', 1],
    ['postgress', 'postgres', 1],
    ['kubernetes', 'kubernetes', 0],
    ['informaton', 'information', 1],
    ['javascrpit', 'javascript', 1],
    ['pytohn', 'python', 1],
    ['pxthxn', 'python', 2],
  ])('counts %s → %s as %i', (a, b, distance) => {
    expect(editDistance(a, b, 2)).toBe(distance);
  });

  it('gives up past the limit', () => {
    expect(editDistance('kubernetes', 'docker', 1)).toBe(2);
  });

  it('corrects to the closest terms, most common first', () => {
    const vocabulary = [
      { term: 'python', entries: 7 },
      { term: 'pylon', entries: 2 },
      { term: 'photon', entries: 90 },
    ];
    expect(corrections('pyhton', vocabulary)).toEqual(['python']);
    expect(corrections('pythn', vocabulary)).toEqual(['python']);
  });
});

describe('search on the curated seeds', () => {
  const { db, ask, find } = useDatabase(seededDatabase);
  const seedsServer = () => db.server;

  describe('finding', () => {
    it('puts the entity whose name is the query first, with score 1', async () => {
      const found = await find('kubernetes');
      expect(found.edges[0]).toMatchObject({ score: 1, snippet: '«Kubernetes»', node: { __typename: 'Tool', slug: 'kubernetes' } });
    });

    it.each(['KUBERNETES', 'Kübernetes', 'kÜbErNeTeS', '  kubernetes  '])(
      'ignores case, accents and spaces: %s finds Kubernetes',
      async (query) => {
        expect(top(await find(query))).toBe('Kubernetes');
      },
    );

    it.each([
      ['postgres', 'PostgreSQL'],
      ['k8s', 'Kubernetes'],
      ['golang', 'Go'],
      ['nodejs', 'Node.js'],
      ['aws', 'Amazon Web Services'],
      ['mssql', 'Microsoft SQL Server'],
    ])('finds %s by alias: %s, scored 0.9', async (query, name) => {
      const found = await find(query);
      expect(found.edges[0]).toMatchObject({ score: 0.9, node: { name } });
      expect(found.edges[0].snippet.toLowerCase()).toContain(`«${query}»`);
    });

    it.each([
      ['kube', 'Kubernetes'],
      ['postg', 'PostgreSQL'],
      ['typesc', 'TypeScript'],
    ])('finds a word from its first letters: %s finds %s', async (query, name) => {
      expect(top(await find(query))).toBe(name);
    });

    it.each([
      ['kubernetse', 'Kubernetes', 'kubernetes'],
      ['postgress', 'PostgreSQL', 'postgres'],
      ['pyhton', 'Python', 'python'],
      ['javscript', 'JavaScript', 'javascript'],
      ['backend developr', 'Backend Developer', 'backend developer'],
    ])('corrects a typo: %s finds %s', async (query, name, corrected) => {
      const found = await find(query);
      expect(top(found)).toBe(name);
      expect(found.correctedQuery).toBe(corrected);
    });

    it('scores hits found through a typo lower than the same hits found as typed', async () => {
      const [typed, typo] = await Promise.all([find('python'), find('pyhton')]);
      expect(names(typo)).toEqual(names(typed));
      typo.edges.forEach((hit, i) => expect(hit.score).toBeLessThan(typed.edges[i].score));
    });

    it('leaves words it finds as typed alone', async () => {
      expect((await find('kubernetes')).correctedQuery).toBeNull();
    });

    it('needs every word: two words found in no entity together find nothing', async () => {
      expect((await find('kubernetes stripe')).totalCount).toBe(0);
    });

    it('searches descriptions and summaries too, marking the matched words in the snippet', async () => {
      const found = await find('fixtures');
      expect(found.edges).toEqual([
        expect.objectContaining({
          score: 0.45,
          snippet: 'A popular Python testing framework with simple assertions and «fixtures».',
          node: expect.objectContaining({ name: 'pytest' }),
        }),
      ]);
    });

    it('finds every kind of entity', async () => {
      const kinds = new Set<string>();
      for (const query of ['caching', 'backend developer', 'api documentation', 'relational databases']) {
        (await find(query)).edges.forEach((e) => kinds.add(e.node.__typename));
      }
      expect([...kinds].sort()).toEqual(['Category', 'Responsibility', 'Role', 'Skill', 'Tool']);
    });

    it('limits the search to the types asked for', async () => {
      const found = await find('caching', { types: ['SKILL', 'RESPONSIBILITY'] });
      expect(found.edges.map((e) => e.node.__typename).sort()).toEqual(['Responsibility', 'Skill']);
    });
  });

  describe('ranking', () => {
    it('orders by score, then name, type and id: an exact name ties only with another exact name', async () => {
      const found = await find('caching');
      expect(found.edges.map((e) => [e.score, e.node.__typename, e.node.name])).toEqual([
        [1, 'Category', 'Caching'],
        [1, 'Skill', 'Caching'],
        [0.79, 'Responsibility', 'Implementing caching'],
      ]);
    });

    it.each(['api', 'database', 'python', 'developer', 'security'])('never lets a score rise down the list (%s)', async (query) => {
      const scores = (await find(query, { first: 100 })).edges.map((e) => e.score);
      expect(scores.length).toBeGreaterThan(1);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(scores.every((s) => s > 0 && s <= 1)).toBe(true);
    });

    it('gives the same answer every time', async () => {
      const runs = await Promise.all([1, 2, 3].map(() => find('data', { first: 100 })));
      expect(runs[1]).toEqual(runs[0]);
      expect(runs[2]).toEqual(runs[0]);
    });
  });

  describe('paging', () => {
    it('walks every hit once with first/after, in the order of one big page', async () => {
      const all = await find('api', { first: 100 });
      expect(all.totalCount).toBeGreaterThan(10);
      const walked: Hit[] = [];
      let after: string | undefined;
      for (let page = 0; page < 20; page++) {
        const found = await find('api', { first: 4, after });
        expect(found.totalCount).toBe(all.totalCount);
        walked.push(...found.edges);
        if (!found.pageInfo.hasNextPage) break;
        after = found.pageInfo.endCursor!;
      }
      expect(walked).toEqual(all.edges);
    });

    it('reports the total of an empty page past the end', async () => {
      const all = await find('api', { first: 100 });
      const past = await find('api', { first: 5, after: all.pageInfo.endCursor! });
      expect(past).toMatchObject({ totalCount: all.totalCount, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    });

    it('pages backward with last/before like every connection', async () => {
      const all = await find('api', { first: 100 });
      const response = await ask('api', {});
      expect(response.errors).toBeUndefined();
      const data = await seedsServer().data(`{ search(query: "api", last: 3) { edges { cursor node { ... on Node { id } } } } }`);
      expect(data.search.edges.map((e: { cursor: string }) => e.cursor)).toEqual(all.edges.slice(-3).map((e) => e.cursor));
    });

    it('rejects first: 0 and a made-up cursor', async () => {
      expect(onlyError(await ask('api', { first: 0 }), 'BAD_USER_INPUT').message).toContain('first');
      expect(onlyError(await ask('api', { after: 'nonsense' }), 'BAD_USER_INPUT').message).toContain('after');
    });
  });

  describe('input', () => {
    it.each(['', '   ', '\t\n'])('rejects %j, which is empty, as BAD_USER_INPUT', async (query) => {
      const error = onlyError(await ask(query), 'BAD_USER_INPUT');
      expect(error.message).toBe('`query` is empty: type a word (a name, an alias or a word of a description) to search for.');
      expect(error.path).toEqual(['search']);
    });

    it.each(['?!', '"', '***', '((', '{}', '()', '-', ':', '«»', '🚀🚀'])(
      'answers %j, which has no letter or digit (a search box mid-typing), with an empty connection',
      async (query) => {
        const response = await seedsServer().query(
          `query ($q: String!) { search(query: $q) { totalCount correctedQuery edges { cursor } pageInfo { hasNextPage hasPreviousPage } } }`,
          { q: query },
        );
        expect(response.errors).toBeUndefined();
        expect(response.data.search).toEqual({
          totalCount: 0,
          correctedQuery: null,
          edges: [],
          pageInfo: { hasNextPage: false, hasPreviousPage: false },
        });
      },
    );

    it('rejects an empty list of types', async () => {
      expect(onlyError(await ask('api', { types: [] }), 'BAD_USER_INPUT').message).toContain('`types`');
    });

    // Each is passed as typed to the real server: FTS5 syntax, SQL, odd Unicode and sheer size
    // must all come back as a normal answer, never an error.
    const hostile = [
      '"kubernetes',
      'kubernetes"',
      '"kubernetes"',
      '""kubernetes""',
      "kubernetes'",
      "O'Reilly",
      'AND',
      'OR',
      'NOT',
      'kubernetes AND',
      'AND OR NOT',
      'NOT kubernetes',
      'kubernetes OR docker',
      'kube*',
      '*kube',
      'k*8*s',
      'NEAR(',
      'NEAR(kubernetes docker, 2)',
      'NEAR(kubernetes',
      '-kubernetes',
      'kubernetes -docker',
      'name:kubernetes',
      '{name}: kubernetes',
      'body : docker',
      '^kubernetes',
      '+kubernetes',
      '(kubernetes',
      'kubernetes)',
      '((kubernetes OR (docker',
      'kubernetes))))',
      '[kubernetes]',
      'kubernetes\\',
      '%kube%',
      'kube_',
      "'; DROP TABLE role; --",
      "' OR 1=1 --",
      'kube\u0000rnetes',
      'kube\ud800rnetes',
      'kube\u200brnetes',
      'ｋｕｂｅｒｎｅｔｅｓ',
      '𝓀𝓊𝒷𝑒',
      'קוברנטיס',
      'Кубернетес',
      '库伯内蒂斯',
      'ʰ',
      'a',
      'C#',
      '.NET',
      'x'.repeat(10_000),
      'kubernetes '.repeat(1_000),
      'a '.repeat(5_000),
      '("k8s" OR '.repeat(1_000),
      Array.from({ length: 200 }, (_, i) => `word${i}`).join(' OR '),
    ];

    it.each(hostile.map((query) => [query.length > 40 ? `${query.slice(0, 40)}… (${query.length} characters)` : query, query]))(
      'answers %j without an error',
      async (_label, query) => {
        const response = await ask(query, { first: 5 });
        expect(response.errors).toBeUndefined();
        expect(leaksInternals(response)).toBeNull();
        expect(response.data!.search.totalCount).toBeGreaterThanOrEqual(0);
      },
    );

    it('still finds Kubernetes among FTS5 operators and quotes', async () => {
      for (const query of [
        '"kubernetes',
        '"kubernetes"',
        '(kubernetes',
        'kubernetes))))',
        '-kubernetes',
        '+kubernetes',
        '^kubernetes*',
        'kubernetes:',
      ]) {
        expect(names(await find(query))).toContain('Kubernetes');
      }
    });

    it(`reads only the first ${MAX_WORDS} words`, async () => {
      const query = `${'kubernetes '.repeat(MAX_WORDS)}unknownword`;
      expect(top(await find(query))).toBe('Kubernetes');
    });
  });
});

describe('search statements', () => {
  const sizes = useTwoSizes();
  const [seeds, large] = [searchOn(sizes.seeds), searchOn(sizes.large)];

  it('answers in one statement when the words are found as typed', async () => {
    expect(await seeds.statementsFor('api')).toBe(1);
    expect(await seeds.statementsFor('backend developer')).toBe(1);
  });

  it('answers in three statements when a typo has to be corrected', async () => {
    expect(await seeds.statementsFor('kubernetse')).toBe(3);
  });

  it('loads a relation of every hit in one more statement', async () => {
    const query = `{ search(query: "developer", first: 100) { nodes { ... on Role { skills(first: 5) { nodes { name } } } } } }`;
    const { small, big } = await sizes.onBoth(query);
    for (const { data } of [small, big]) expect(data.search.nodes.length).toBeGreaterThan(1);
    expect(small.statements).toBe(2);
  });

  it.each(['api', 'data', 'kubernetse', 'backend developr', 'nothingatall'])(
    'runs as many statements for %s on a dataset ten times larger',
    async (query) => {
      expect(await large.statementsFor(query)).toBe(await seeds.statementsFor(query));
      const [small, big] = [await seeds.find(query), await large.find(query)];
      if (small.totalCount > 0) expect(big.totalCount).toBeGreaterThan(small.totalCount);
    },
  );
});

describe('the search index', () => {
  const { db, find } = useDatabase(emptyDatabase);
  const sql = (text: string, params: unknown[] = []) => queryOn(db.dataSource, text, params);
  const addTool = (slug: string, name: string, aliases: string[] = [], description = '') =>
    sql(`INSERT INTO "tool" ("slug", "name", "aliases", "description") VALUES (?, ?, ?, ?)`, [
      slug,
      name,
      JSON.stringify(aliases),
      description,
    ]);

  /** What the index stores: FTS5's pages on SQLite; the rows, vocabulary and totals on PostgreSQL. */
  async function indexContents(): Promise<unknown[]> {
    if (ENGINE === 'sqlite') return sql(`SELECT * FROM "search_index_data" ORDER BY "id"`);
    return [
      await sql(`SELECT * FROM "search_index" ORDER BY "rowid"`),
      await sql(`SELECT * FROM "search_vocab" ORDER BY "term"`),
      await sql(`SELECT * FROM "search_totals"`),
    ];
  }

  /** Every row of the five searchable tables, as the index should hold it. */
  async function expectIndexInStep(): Promise<void> {
    const wanted = await sql(`
      SELECT "id" * 8 + 1 AS "rowid", "name" FROM "category" UNION ALL SELECT "id" * 8 + 2, "name" FROM "responsibility"
      UNION ALL SELECT "id" * 8 + 3, "name" FROM "role" UNION ALL SELECT "id" * 8 + 4, "name" FROM "skill"
      UNION ALL SELECT "id" * 8 + 5, "name" FROM "tool" ORDER BY 1`);
    expect(await sql(`SELECT "rowid", "name" FROM "search_index" ORDER BY 1`)).toEqual(wanted);
  }

  it('keeps an insert, an update and a delete trigger on each searchable table', async () => {
    const triggers = await sql(
      ENGINE === 'postgres'
        ? `SELECT "event_object_table" AS "table", "trigger_name" AS "name" FROM information_schema.triggers WHERE "trigger_name" LIKE 'search_index_%' ORDER BY 2`
        : `SELECT "tbl_name" AS "table", "name" FROM sqlite_master WHERE "type" = 'trigger' AND "name" LIKE 'search_index_%' ORDER BY 2`,
    );
    expect(triggers).toEqual(
      ['category', 'responsibility', 'role', 'skill', 'tool'].flatMap((table) =>
        ['delete', 'insert', 'update'].map((event) => ({ table, name: `search_index_${table}_${event}` })),
      ),
    );
  });

  it('finds a row as soon as it is inserted', async () => {
    await addTool('quokka-db', 'QuokkaDB', ['Quokka'], 'A marsupial database.');
    expect(top(await find('quokkadb'))).toBe('QuokkaDB');
    expect(top(await find('quokka'))).toBe('QuokkaDB');
    await expectIndexInStep();
  });

  it('follows a rename and new aliases', async () => {
    await addTool('wombat', 'Wombat', ['Wombat Server']);
    await sql(`UPDATE "tool" SET "name" = 'Numbat', "aliases" = '["Banded anteater"]' WHERE "slug" = 'wombat'`);
    expect((await find('wombat')).totalCount).toBe(0);
    expect(top(await find('numbat'))).toBe('Numbat');
    expect(top(await find('anteater'))).toBe('Numbat');
    await expectIndexInStep();
  });

  it('forgets a deleted row', async () => {
    await addTool('platypus', 'Platypus');
    await sql(`DELETE FROM "tool" WHERE "slug" = 'platypus'`);
    expect((await find('platypus')).totalCount).toBe(0);
    await expectIndexInStep();
  });

  it('leaves the index untouched when a row is rewritten with the same values', async () => {
    await addTool('echidna', 'Echidna', ['Spiny anteater'], 'Lays eggs.');
    const before = await indexContents();
    await sql(
      `UPDATE "tool" SET "name" = "name", "aliases" = "aliases", "description" = "description", "kind" = 'EQUIPMENT' WHERE "slug" = 'echidna'`,
    );
    expect(await indexContents()).toEqual(before);
  });

  it('ranks exact name, then exact alias, then prefix, then description', async () => {
    await addTool('bilby', 'Bilby');
    await addTool('bilby-server', 'Rabbit-eared bandicoot', ['Bilby']);
    await addTool('bilby-cloud', 'Bilby Cloud');
    await addTool('greater-bilby', 'Greater Bilby');
    await addTool('bilbyx', 'BilbyX');
    await addTool('bilby-fans', 'Desert tools', ['Bilby helpers']);
    await addTool('outback', 'Outback', [], 'Where the bilby lives.');
    const found = await find('bilby');
    expect(names(found)).toEqual(['Bilby', 'Rabbit-eared bandicoot', 'Bilby Cloud', 'Greater Bilby', 'BilbyX', 'Desert tools', 'Outback']);
    expect(found.edges.map((e) => e.snippet)).toEqual([
      '«Bilby»',
      '«Bilby»',
      '«Bilby» Cloud',
      'Greater «Bilby»',
      '«BilbyX»',
      '«Bilby» helpers',
      'Where the «bilby» lives.',
    ]);
  });

  it('is filled from the rows already there when the migration runs', async () => {
    await writeDatasetInto(db.dataSource);
    const list: unknown[] = ENGINE === 'postgres' ? postgresMigrations : migrations;
    const ours = list.indexOf(ENGINE === 'postgres' ? PostgresSearchIndex1764700000000 : SearchIndex1763800000000);
    for (let i = list.length - 1; i >= ours; i--) await db.dataSource.undoLastMigration({ transaction: 'all' });
    const tables =
      ENGINE === 'postgres'
        ? `SELECT "table_name" AS "name" FROM information_schema.tables WHERE "table_name" = 'search_index'`
        : `SELECT "name" FROM sqlite_master WHERE "name" = 'search_index'`;
    expect(await sql(tables)).toEqual([]);
    await db.dataSource.runMigrations({ transaction: 'all' });
    await expectIndexInStep();
    expect(top(await find('k8s'))).toBe('Kubernetes');
  });
});

async function writeDatasetInto(dataSource: DataSource): Promise<void> {
  await dataSource.transaction((manager) => writeDataset(manager, readSeedDataset()));
}

describe('search over O*NET 29.3', () => {
  const onet = useDatabase(seededOnetDatabase, 120_000);

  it('keeps the index in step through the import', async () => {
    const [counts] = await onet.db.dataSource.query(`SELECT
      (SELECT COUNT(*) FROM "search_index") AS "indexed",
      (SELECT COUNT(*) FROM "role") + (SELECT COUNT(*) FROM "responsibility") + (SELECT COUNT(*) FROM "skill")
        + (SELECT COUNT(*) FROM "tool") + (SELECT COUNT(*) FROM "category") AS "rows"`);
    expect(counts.rows).toBeGreaterThan(40_000);
    expect(counts.indexed).toBe(counts.rows);
  });

  it.each([
    ['registered nurses', 'Registered Nurses'],
    ['kubernetes', 'Kubernetes'],
    ['microsoft excel', 'Microsoft Excel'],
    ['kubernetse', 'Kubernetes'],
    ['postgress', 'PostgreSQL'],
    ['pyhton', 'Python'],
  ])('finds %s: %s first', async (query, name) => {
    expect(top(await onet.find(query))).toBe(name);
  });

  it.each(['the', 'data', 'manage', 'softwre developr', 'a'])('answers %s in at most three statements', async (query) => {
    expect(await onet.statementsFor(query, { first: 100 })).toBeLessThanOrEqual(3);
  });
});
