import { loadConfig } from '../src/config';
import { MAX_NODES } from '../src/node/node.resolver';
import { toGlobalId, type NodeType } from '../src/shared/global-id';
import { MAX_PAGE_SIZE } from '../src/shared/page-window';
import { leaksInternals, onlyError } from './helpers/graphql-errors';
import { LogSink } from './helpers/log-sink';
import { useSeededServer, useServedDatabase } from './helpers/served-database';
import { ENGINE, seededDatabase } from './helpers/test-database';
import type { GraphQLResponse } from './helpers/test-server';

const atlas = useSeededServer();
const { maxDepth: MAX_QUERY_DEPTH } = loadConfig();

const ask = (query: string, variables?: Record<string, unknown>) => atlas.server.query(query, variables);
/** A raw POST, for requests the GraphQL client helper cannot express. */
async function post(body: unknown, contentType = 'application/json'): Promise<{ status: number; body: GraphQLResponse }> {
  const response = await fetch(atlas.server.url, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

/** `role(slug:) { broader { broader { ... name } } }`, exactly `depth` fields deep. */
function deepQuery(depth: number): string {
  return `{ role(slug: "backend-developer") { ${'broader { '.repeat(depth - 2)}name${' }'.repeat(depth - 1)} }`;
}

describe('page sizes', () => {
  it(`rejects first: 1000 as BAD_USER_INPUT, naming first and the limit of ${MAX_PAGE_SIZE}`, async () => {
    const error = onlyError(await ask(`{ tools(first: 1000) { totalCount } }`), 'BAD_USER_INPUT');
    expect(error.message).toContain('first');
    expect(error.message).toContain(String(MAX_PAGE_SIZE));
    expect(error.path).toEqual(['tools']);
  });

  it('rejects first: 0', async () => {
    const error = onlyError(await ask(`{ tools(first: 0) { totalCount } }`), 'BAD_USER_INPUT');
    expect(error.message).toContain('first');
  });

  it(`rejects last: ${MAX_PAGE_SIZE + 1}, naming last`, async () => {
    const error = onlyError(await ask(`{ tools(last: ${MAX_PAGE_SIZE + 1}) { totalCount } }`), 'BAD_USER_INPUT');
    expect(error.message).toContain('last');
    expect(error.message).toContain(String(MAX_PAGE_SIZE));
  });

  it('rejects first and last together', async () => {
    const error = onlyError(await ask(`{ tools(first: 5, last: 5) { totalCount } }`), 'BAD_USER_INPUT');
    expect(error.message).toMatch(/first.*last/);
  });

  it('rejects an out-of-range page size on a nested relation, with the path to it', async () => {
    const error = onlyError(await ask(`{ role(slug: "backend-developer") { skills(first: 1000) { totalCount } } }`), 'BAD_USER_INPUT');
    expect(error.path).toEqual(['role', 'skills']);
    expect(error.message).toContain('first');
  });

  it('rejects an invalid page size every time it is asked, after the same size passed and failed elsewhere', async () => {
    // Valid values are remembered per argument class (src/shared/validate-args.ts); failures never are.
    expect((await ask(`{ tools(first: 5) { totalCount } }`)).errors).toBeUndefined();
    for (let attempt = 0; attempt < 2; attempt++) {
      onlyError(await ask(`{ tools(first: 0) { totalCount } }`), 'BAD_USER_INPUT');
    }
    const nested = await ask(`{ roles(first: 3) { nodes { skills(first: 1000) { totalCount } } } }`);
    expect(nested.errors?.length).toBeGreaterThanOrEqual(1);
    expect(nested.errors?.every((e) => e.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
  });
});

describe('lookups', () => {
  it('rejects both id and slug', async () => {
    const error = onlyError(
      await ask(`{ role(id: "${toGlobalId('Role', 'backend-developer')}", slug: "backend-developer") { name } }`),
      'BAD_USER_INPUT',
    );
    expect(error.message).toMatch(/id.*slug/);
  });

  it('rejects neither id nor slug', async () => {
    const error = onlyError(await ask(`{ skill { name } }`), 'BAD_USER_INPUT');
    expect(error.message).toMatch(/id.*slug/);
  });

  it.each(['not-an-id!', 'bm90LWEtZ2xvYmFsLWlk', toGlobalId('Unicorn' as NodeType, 'sparkle'), toGlobalId('Role', 'Not A Slug')])(
    'rejects the malformed id %s',
    async (id) => {
      const error = onlyError(await ask(`query ($id: ID) { role(id: $id) { name } }`, { id }), 'BAD_USER_INPUT');
      expect(error.message).toContain(id);
    },
  );

  it('rejects the id of a Skill passed to role(id:), naming both types', async () => {
    const id = toGlobalId('Skill', 'caching');
    const error = onlyError(await ask(`query ($id: ID) { role(id: $id) { name } }`, { id }), 'BAD_USER_INPUT');
    expect(error.message).toContain('Skill');
    expect(error.message).toContain('Role');
  });

  it('rejects a malformed id in node(id:)', async () => {
    const error = onlyError(await ask(`{ node(id: "not-an-id!") { id } }`), 'BAD_USER_INPUT');
    expect(error.message).toContain('not-an-id!');
  });

  it(`rejects nodes(ids:) with ${MAX_NODES + 1} ids, naming the limit`, async () => {
    const ids = Array.from({ length: MAX_NODES + 1 }, () => toGlobalId('Role', 'backend-developer'));
    const error = onlyError(await ask(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids }), 'BAD_USER_INPUT');
    expect(error.message).toContain(String(MAX_NODES));
  });

  it(`accepts nodes(ids:) with exactly ${MAX_NODES} ids`, async () => {
    const ids = Array.from({ length: MAX_NODES }, () => toGlobalId('Role', 'backend-developer'));
    const response = await ask(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(response.errors).toBeUndefined();
    expect(response.data.nodes).toHaveLength(MAX_NODES);
  });
});

describe('cursors and filters', () => {
  it.each([
    ['after', 'nope'],
    ['before', 'not a cursor'],
    ['after', Buffer.from('cursor:v1:abc').toString('base64url')],
    ['after', toGlobalId('Role', 'backend-developer')],
  ])('rejects %s: "%s", naming the argument', async (argument, cursor) => {
    const error = onlyError(
      await ask(`query ($cursor: String) { tools(${argument}: $cursor) { totalCount } }`, { cursor }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain(argument);
    expect(error.extensions?.argument).toBe(argument);
  });

  it('rejects a category filter that is neither a slug nor a category id', async () => {
    const error = onlyError(await ask(`{ tools(filter: { category: "Not A Slug" }) { totalCount } }`), 'BAD_USER_INPUT');
    expect(error.message).toContain('Not A Slug');
  });

  it('rejects a variable of the wrong type', async () => {
    onlyError(await ask(`query ($n: Int) { tools(first: $n) { totalCount } }`, { n: 'many' }), 'BAD_USER_INPUT');
  });
});

describe('the request itself', () => {
  it('answers malformed query text with GRAPHQL_PARSE_FAILED', async () => {
    const error = onlyError(await ask(`{ tools( { totalCount } }`), 'GRAPHQL_PARSE_FAILED');
    expect((error as { locations?: unknown }).locations).toEqual([{ line: 1, column: 10 }]);
  });

  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED, naming it', async () => {
    const error = onlyError(await ask(`{ tools { bogus } }`), 'GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toContain('bogus');
  });

  it(`answers a query deeper than ${MAX_QUERY_DEPTH} levels with QUERY_TOO_DEEP, giving the depth and the limit`, async () => {
    const response = await ask(deepQuery(MAX_QUERY_DEPTH + 1));
    const error = onlyError(response, 'QUERY_TOO_DEEP');
    expect(response.data).toBeUndefined();
    expect(error.message).toContain(`depth limit of ${MAX_QUERY_DEPTH} exceeded, found ${MAX_QUERY_DEPTH + 1}`);
    expect(error.message).toContain('Split the query');
  });

  it(`runs a query exactly ${MAX_QUERY_DEPTH} levels deep`, async () => {
    const response = await ask(deepQuery(MAX_QUERY_DEPTH));
    expect(response.errors).toBeUndefined();
    expect(response.data.role).not.toBeNull();
  });

  it('counts depth through fragments', async () => {
    const depth = MAX_QUERY_DEPTH + 1;
    const query = `{ role(slug: "backend-developer") { ...Deep } }
      fragment Deep on Role { ${'broader { '.repeat(depth - 2)}name${' }'.repeat(depth - 2)} }`;
    const error = onlyError(await ask(query), 'QUERY_TOO_DEEP');
    expect(error.message).toContain(`found ${depth}`);
  });

  it('answers an operationName that names no operation with OPERATION_RESOLUTION_FAILURE', async () => {
    const { body } = await post({ query: `query A { tools { totalCount } } query B { roles { totalCount } }`, operationName: 'C' });
    onlyError(body, 'OPERATION_RESOLUTION_FAILURE');
  });

  it('answers a POST without a query with BAD_REQUEST and status 400', async () => {
    const { status, body } = await post({ variables: {} });
    expect(status).toBe(400);
    onlyError(body, 'BAD_REQUEST');
  });
});

describe('an unexpected failure', () => {
  // A throwaway database that lost a table: the SQL fails inside a field resolver.
  const log = new LogSink();
  const broken = useServedDatabase(
    async () => {
      const db = await seededDatabase();
      await db.dataSource.query(`DROP TABLE "skill_tool"`);
      return db;
    },
    undefined,
    {},
    { logger: log.logger },
  );

  const QUERY = `{ skill(slug: "version-control") { name tools { nodes { name } } } }`;

  it('reaches the client as INTERNAL_SERVER_ERROR with a generic message and no SQL', async () => {
    const response = await broken.server.query(QUERY);
    const error = onlyError(response, 'INTERNAL_SERVER_ERROR');
    expect(error.message).toMatch(/^Internal server error/);
    expect(JSON.stringify(response)).not.toMatch(/skill_tool|no such table|does not exist|SELECT/i);
    expect(error.path).toEqual(['skill', 'tools']);
  });

  it('is logged on the server with its real cause and the id of its request', async () => {
    const { headers } = await broken.server.post(QUERY);
    const reqId = headers.get('x-request-id');
    const errors = log.lines.filter((l) => l.level === 'error' && l.reqId === reqId);
    expect(errors.map((l) => l.msg)).toEqual(['internal error', 'request']);
    const cause = ENGINE === 'postgres' ? 'relation "skill_tool" does not exist' : 'no such table';
    expect(String(errors[0].err.message)).toContain(cause);
  });

  it('leaves the rest of the API working', async () => {
    const response = await broken.server.query(`{ skill(slug: "version-control") { name } }`);
    expect(response.errors).toBeUndefined();
    expect(leaksInternals(response)).toBeNull();
    expect(response.data.skill.name).toBeTruthy();
  });
});
