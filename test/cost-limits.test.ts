import { QUERIES as BENCH_QUERIES } from '../bench/queries.bench';
import { querySet } from '../bench/run.bench';
import { loadConfig } from '../src/config';
import { PRICES } from '../src/limits/prices';
import { ErrorCode } from '../src/shared/errors';
import { toGlobalId } from '../src/shared/global-id';
import { readSeedDataset } from './helpers/datasets';
import { onlyError } from './helpers/graphql-errors';
import { SHIPPED_LIMITS } from './helpers/limits';
import { useSeededServer, useServedDatabase, type ServedDatabase } from './helpers/served-database';
import { emptyDatabase } from './helpers/test-database';
import type { GraphQLResponse } from './helpers/test-server';

const { maxCost, maxAliases, maxDirectives, maxTokens, maxBodyBytes } = SHIPPED_LIMITS;
const atlas = useSeededServer(SHIPPED_LIMITS);

interface Sent {
  status: number;
  body: GraphQLResponse & { extensions?: { cost?: { requested: number; limit: number } } };
  /** SQL statements the server ran while answering. */
  statements: number;
}

/** Posts a raw body to a server and counts the SQL statements run while it answered. */
async function send(db: ServedDatabase, body: string | ReadableStream<Uint8Array>): Promise<Sent> {
  let status = 0;
  let parsed: Sent['body'] = {};
  const statements = await db.counter.during(async () => {
    const response = await fetch(db.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      ...(typeof body === 'string' ? {} : { duplex: 'half' }),
    } as RequestInit);
    status = response.status;
    parsed = (await response.json()) as Sent['body'];
  });
  return { status, body: parsed, statements: statements.length };
}

const ask = (query: string, variables?: Record<string, unknown>, db = atlas) => send(db, JSON.stringify({ query, variables }));

/** Checks a request was refused with `code` before any SQL ran, and returns its one error. */
function refused(sent: Sent, code: ErrorCode, status = 400) {
  expect(sent.statements).toBe(0);
  expect(sent.status).toBe(status);
  expect(sent.body.data).toBeUndefined();
  return onlyError(sent.body, code);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const v = PRICES.value;
const work = (field: string, args: Record<string, unknown> = {}) => PRICES.fields[field].work!(args);
const formatted = (n: number) => n.toLocaleString('en-US');
const BACKEND = toGlobalId('Role', 'backend-developer');

// The requests of issue 8's table "single requests that take the server down", as sized there.
const ATTACKS = {
  /** F0 selects one field; F1 to F24 each spread the one before twice: 2^24 paths in under 1 KB. */
  fragments: () =>
    `{ role(slug: "backend-developer") { ...F24 } } fragment F0 on Role { name } ` +
    range(24)
      .map((i) => `fragment F${i + 1} on Role { ...F${i} ...F${i} }`)
      .join(' '),
  searches: (word: string) =>
    `{ ${range(1000)
      .map((i) => `s${i}: search(query: "${word}", first: 20) { totalCount nodes { __typename } }`)
      .join(' ')} }`,
  skillGraphs: () =>
    `{ ${range(100)
      .map((i) => `g${i}: skillGraph(root: "${BACKEND}", depth: 2) { nodes { id type label weight } edges { source target kind weight } }`)
      .join(' ')} }`,
  relatedOfRelated: () =>
    `{ role(slug: "backend-developer") { relatedRoles(first: 100) { nodes { name relatedRoles(first: 100) { nodes { name } } } } } }`,
  fourLevelsOf100: () =>
    `{ roles(first: 100) { nodes { skills(first: 100) { nodes { tools(first: 100) { nodes { roles(first: 100) { nodes { name } } } } } } } } }`,
  nodesOf100Ids: () => {
    const tools = readSeedDataset().tools!.map((t) => JSON.stringify(toGlobalId('Tool', t.slug)));
    const ids = range(100).map((i) => tools[i % tools.length]);
    return `{ ${range(100)
      .map((i) => `n${i}: nodes(ids: [${ids.join(', ')}]) { id ... on Tool { name slug description } }`)
      .join(' ')} }`;
  },
  tenMegabytesOfTokens: () => `{ ${'a '.repeat(5 * 1024 * 1024)}}`,
  typenameAliases: () => `{ ${range(150_000).map((i) => `alias${i}: __typename`)} }`,
};

describe('the requests that took the server down (issue 8), with the shipped limits', () => {
  it('refuses 25 fragments that each spread the previous one twice, pricing all 2^24 paths in 25 steps', async () => {
    const query = ATTACKS.fragments();
    expect(query.length).toBeLessThan(1100);
    const error = refused(await ask(query), ErrorCode.QUERY_TOO_COSTLY);
    const cost = v + 2 ** 24 * v; // role, then name on each of the 2^24 paths
    expect(error.extensions?.cost).toEqual({ requested: cost, limit: maxCost });
    expect(error.message).toContain(`would cost ${formatted(cost)}; the limit is ${formatted(maxCost)}`);
  });

  it.each([
    ['1,000 aliases of search', () => ATTACKS.searches('manage')],
    ['1,000 aliases of a typo search', () => ATTACKS.searches('progamming')],
    ['100 aliases of nodes(ids:) with 100 ids each', ATTACKS.nodesOf100Ids],
  ])(`refuses %s: more than ${formatted(maxTokens)} tokens`, async (_what, query) => {
    const error = refused(await ask(query()), ErrorCode.QUERY_TOO_MANY_TOKENS);
    expect(error.message).toContain(`more than ${maxTokens} tokens`);
  });

  it(`refuses 100 aliases of skillGraph: more than ${maxAliases} aliases`, async () => {
    const error = refused(await ask(ATTACKS.skillGraphs()), ErrorCode.QUERY_TOO_MANY_ALIASES);
    expect(error.message).toContain(`Aliases limit of ${maxAliases} exceeded, found 100`);
  });

  it('refuses relatedRoles nested under relatedRoles, at the cost the price registry gives it', async () => {
    const related = v + work('Role.relatedRoles');
    const cost = v + related + v + 100 * (v + related + v + 100 * v);
    const error = refused(await ask(ATTACKS.relatedOfRelated()), ErrorCode.QUERY_TOO_COSTLY);
    expect(error.extensions?.cost).toEqual({ requested: cost, limit: maxCost });
  });

  it('refuses first: 100 nested four levels deep', async () => {
    // Each level is the connection and its nodes list (2 values) plus 100 items of the next.
    const cost = [1, 2, 3].reduce((inner) => 2 * v + 100 * inner, 2 * v + 100 * v);
    const error = refused(await ask(ATTACKS.fourLevelsOf100()), ErrorCode.QUERY_TOO_COSTLY);
    expect(error.extensions?.cost).toEqual({ requested: cost, limit: maxCost });
    expect(error.message).toContain('lower `first`');
  });

  it(`answers 10 MB of query tokens with HTTP 413 (bodies stop at ${formatted(maxBodyBytes)} bytes)`, async () => {
    const body = JSON.stringify({ query: ATTACKS.tenMegabytesOfTokens() });
    const error = refused(await send(atlas, body), ErrorCode.REQUEST_TOO_LARGE, 413);
    expect(error.message).toContain(`The request body is ${formatted(Buffer.byteLength(body))} bytes`);
    expect(error.message).toContain(formatted(maxBodyBytes));
  });

  it('answers 150,000 aliases of __typename with HTTP 413', async () => {
    refused(await ask(ATTACKS.typenameAliases()), ErrorCode.REQUEST_TOO_LARGE, 413);
  });

  it('counts a body sent without a Content-Length as it arrives', async () => {
    const chunk = new TextEncoder().encode(`{"query": "{ ${'__typename '.repeat(10_000)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 2 * maxBodyBytes) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const error = refused(await send(atlas, stream), ErrorCode.REQUEST_TOO_LARGE, 413);
    expect(error.message).toContain('The request body is too large');
  });
});

describe('the same requests with the limit that stopped them lifted: the next one still does', () => {
  const noShapeLimits = useServedDatabase(emptyDatabase, undefined, {
    ...SHIPPED_LIMITS,
    maxTokens: 1_000_000,
    maxAliases: 1_000_000,
    maxBodyBytes: 64 * 1024 * 1024,
  });
  const largeBodies = useServedDatabase(emptyDatabase, undefined, { ...SHIPPED_LIMITS, maxBodyBytes: 64 * 1024 * 1024 });

  it.each([
    ['1,000 aliases of search', () => ATTACKS.searches('manage')],
    ['1,000 aliases of a typo search', () => ATTACKS.searches('progamming')],
    ['100 aliases of skillGraph', ATTACKS.skillGraphs],
    ['100 aliases of nodes(ids:) with 100 ids each', ATTACKS.nodesOf100Ids],
  ])('refuses %s as QUERY_TOO_COSTLY without the token and alias limits', async (_what, query) => {
    refused(await ask(query(), undefined, noShapeLimits), ErrorCode.QUERY_TOO_COSTLY);
  });

  it.each([
    ['10 MB of query tokens', ATTACKS.tenMegabytesOfTokens],
    ['150,000 aliases of __typename', ATTACKS.typenameAliases],
  ])(`refuses %s as QUERY_TOO_MANY_TOKENS without the body limit`, async (_what, query) => {
    const error = refused(await ask(query(), undefined, largeBodies), ErrorCode.QUERY_TOO_MANY_TOKENS);
    expect(error.message).toContain(`more than ${maxTokens} tokens`);
  });
});

describe('the other shape limits', () => {
  it(`refuses more than ${maxDirectives} directives`, async () => {
    const query = `{ roles(first: 1) { ${range(maxDirectives + 1)
      .map(() => 'totalCount @include(if: true)')
      .join(' ')} } }`;
    const error = refused(await ask(query), ErrorCode.QUERY_TOO_MANY_DIRECTIVES);
    expect(error.message).toContain(`found ${maxDirectives + 1}`);
  });

  it(`accepts exactly ${maxAliases} aliases`, async () => {
    const sent = await ask(`{ ${range(maxAliases).map((i) => `r${i}: roles(first: 1) { totalCount }`)} }`);
    expect(sent.body.errors).toBeUndefined();
    expect(Object.keys(sent.body.data)).toHaveLength(maxAliases);
  });
});

describe('the cost of an accepted query', () => {
  it('is in extensions.cost with the limit: each value once, a page of 20 by default', async () => {
    const sent = await ask(`{ roles { nodes { name } } }`);
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.extensions?.cost).toEqual({ requested: v + v + PRICES.defaultPageSize * v, limit: maxCost });
  });

  it('reads first from the variables', async () => {
    const sent = await ask(`query ($n: Int) { roles(first: $n) { totalCount nodes { name slug } } }`, { n: 7 });
    expect(sent.body.extensions?.cost?.requested).toBe(v + v + v + 7 * 2 * v);
  });

  it('reads last when first is not given, and multiplies nested pages', async () => {
    const sent = await ask(`{ roles(last: 3) { edges { node { name skills(first: 4) { nodes { name } } } } } }`);
    expect(sent.body.extensions?.cost?.requested).toBe(v + v + 3 * (v + v + v + v + 4 * v));
  });

  it('adds the price of an expensive field each time it is resolved', async () => {
    const sent = await ask(`{ search(query: "kube", first: 5) { totalCount } }`);
    expect(sent.body.extensions?.cost?.requested).toBe(v + work('Query.search') + v);
  });

  it('prices a skill graph by its depth and its nodes', async () => {
    const [depth, maxNodes] = [3, 40];
    const sent = await ask(
      `{ skillGraph(root: "${BACKEND}", depth: ${depth}, maxNodes: ${maxNodes}) { truncated nodes { id } edges { source } } }`,
    );
    const edges = PRICES.fields['SkillGraph.edges'].items!({}, maxNodes);
    expect(sent.body.extensions?.cost?.requested).toBe(
      v + work('Query.skillGraph', { depth, maxNodes }) + v + (v + maxNodes * v) + (v + edges * v),
    );
  });

  it("prices a skill graph's links by the first it asks for, which the server enforces", async () => {
    const sent = await ask(`{ skillGraph(root: "${BACKEND}", depth: 1, maxNodes: 40) { edges(first: 300, offset: 10) { source } } }`);
    expect(sent.body.extensions?.cost?.requested).toBe(v + work('Query.skillGraph', { depth: 1, maxNodes: 40 }) + (v + 300 * v));
  });

  it('counts the ids of nodes(ids:)', async () => {
    const ids = range(7).map(() => BACKEND);
    const sent = await ask(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(sent.body.extensions?.cost?.requested).toBe(v + ids.length * v);
  });

  it('counts only what @skip and @include leave in', async () => {
    const sent = await ask(`query ($no: Boolean!) { roles(first: 5) { totalCount nodes @include(if: $no) { name } } }`, { no: false });
    expect(sent.body.extensions?.cost?.requested).toBe(v + v);
  });
});

describe(`at the limit (${formatted(maxCost)})`, () => {
  // 2 values for roles and its nodes list, then per role its name, the skills connection, its
  // nodes list and 100 skill names.
  const QUERY = `query ($n: Int) { roles(first: $n) { nodes { name skills(first: 100) { nodes { name } } } } }`;
  const cost = (n: number) => 2 * v + n * (3 * v + 100 * v);
  const under = range(PRICES.maxPageSize + 1)
    .filter((n) => cost(n) <= maxCost)
    .pop()!;

  it('has a page size that just fits and one that does not, both within first’s range', () => {
    expect(cost(under + 1)).toBeGreaterThan(maxCost);
    expect(under + 1).toBeLessThanOrEqual(PRICES.maxPageSize);
  });

  it('accepts the query just under it and reports its cost', async () => {
    const sent = await ask(QUERY, { n: under });
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data.roles.nodes.length).toBeGreaterThan(0);
    expect(sent.body.extensions?.cost).toEqual({ requested: cost(under), limit: maxCost });
  });

  it('refuses the query just over it, with its cost and the limit, before any SQL runs', async () => {
    const sent = await ask(QUERY, { n: under + 1 });
    const error = refused(sent, ErrorCode.QUERY_TOO_COSTLY);
    expect(error.message).toContain(`would cost ${formatted(cost(under + 1))}; the limit is ${formatted(maxCost)}`);
    expect(error.extensions?.cost).toEqual({ requested: cost(under + 1), limit: maxCost });
    expect(sent.body.extensions?.cost).toEqual({ requested: cost(under + 1), limit: maxCost });
  });

  it('follows the configuration', async () => {
    expect(loadConfig({ MAX_QUERY_COST: '50' }).maxCost).toBe(50);
    expect(() => loadConfig({ MAX_QUERY_COST: 'lots' })).toThrow(/MAX_QUERY_COST/);
  });
});

// The playground's introspection query runs within them too: test/http-server.test.ts.
describe('the shipped limits allow', () => {
  const picks = { roleA: 'backend-developer', roleB: 'front-end-developer', tools: ['python', 'postgresql', 'docker', 'rest'] };
  it.each(Object.entries(querySet(picks)))('the benchmark query "%s" (bench/run.bench.ts)', async (_name, query) => {
    const sent = await ask(query);
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.extensions?.cost?.requested).toBeLessThanOrEqual(maxCost);
  });

  it.each(Object.entries(BENCH_QUERIES))('the benchmark query "%s" (bench/queries.bench.ts)', async (_name, query) => {
    // Its slugs are O*NET's, absent from the seeds: only the limits are checked here.
    const sent = await ask(query);
    expect(sent.status).not.toBe(413);
    expect(sent.body.errors?.map((e) => e.extensions?.code).filter((code) => code !== ErrorCode.NOT_FOUND) ?? []).toEqual([]);
    expect(sent.body.extensions?.cost?.requested).toBeLessThanOrEqual(maxCost);
  });
});
