import type { DataSource } from 'typeorm';
import { LogSink } from './helpers/log-sink';
import type { StatementCounter } from './helpers/statement-counter';
import { emptyDatabase, seededDatabase } from './helpers/test-database';
import { TestServer } from './helpers/test-server';

const origin = (server: TestServer) => new URL(server.url).origin;

/** A seeded database served with the response cache on and a logger writing into `sink`. */
function useObservedServer() {
  const sink = new LogSink();
  let running: { dataSource: DataSource; counter: StatementCounter; server: TestServer } | undefined;
  beforeAll(async () => {
    const { dataSource, counter } = await seededDatabase();
    running = {
      dataSource,
      counter,
      server: await TestServer.start(dataSource, { responseCacheBytes: 1024 * 1024 }, { logger: sink.logger }),
    };
  });
  afterAll(async () => {
    await running?.server.stop();
    await running?.dataSource.destroy();
  });
  return {
    sink,
    get server() {
      return running!.server;
    },
    get counter() {
      return running!.counter;
    },
  };
}

describe('GET /healthz', () => {
  const atlas = useObservedServer();

  it('answers 200 while the process is up', async () => {
    const response = await fetch(`${origin(atlas.server)}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('refuses a POST with 405', async () => {
    const response = await fetch(`${origin(atlas.server)}/healthz`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('GET /readyz', () => {
  const atlas = useObservedServer();

  it('answers 200 when the database answers and every migration has run', async () => {
    const response = await fetch(`${origin(atlas.server)}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: 'ok', migrations: 'current', server: 'serving' });
  });

  it('answers 503 over a database whose last migration has not run', async () => {
    const { dataSource } = await emptyDatabase();
    await dataSource.undoLastMigration({ transaction: 'all' });
    const server = await TestServer.start(dataSource);
    try {
      const response = await fetch(`${origin(server)}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'not ready', database: 'ok', migrations: 'pending' });
    } finally {
      await server.stop();
      await dataSource.destroy();
    }
  });

  it('answers 503 once the database is closed', async () => {
    const { dataSource } = await emptyDatabase();
    const server = await TestServer.start(dataSource);
    try {
      await dataSource.destroy();
      const response = await fetch(`${origin(server)}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'not ready', database: 'unreachable' });
    } finally {
      await server.stop();
    }
  });
});

describe('GET /metrics', () => {
  const atlas = useObservedServer();
  let text: string;
  beforeAll(async () => {
    await atlas.server.query('query MetricsProbe { role(slug: "backend-developer") { name } }');
    await atlas.server.query('query MetricsProbe { role(slug: "backend-developer") { name } }');
    await atlas.server.query('query Broken { role(slug: "backend-developer") { noSuchField } }');
    const response = await fetch(`${origin(atlas.server)}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    text = await response.text();
  });

  /** The value of the sample `name{labels}` in the Prometheus text. */
  const sample = (name: string, labels: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  it('counts requests by operation name, type and status', () => {
    expect(sample('graphql_requests_total', 'operation="MetricsProbe",type="query",status="200"')).toBe(2);
  });

  it('has a latency histogram by operation name', () => {
    expect(sample('graphql_request_duration_seconds_count', 'operation="MetricsProbe"')).toBe(2);
    expect(sample('graphql_request_duration_seconds_bucket', 'le="+Inf",operation="MetricsProbe"')).toBe(2);
  });

  it('counts errors by extensions.code', () => {
    expect(sample('graphql_errors_total', 'code="GRAPHQL_VALIDATION_FAILED"')).toBe(1);
  });

  it('counts response-cache hits and misses', () => {
    expect(sample('graphql_response_cache_total', 'result="miss"')).toBe(1);
    expect(sample('graphql_response_cache_total', 'result="hit"')).toBe(1);
  });

  it('records the cost of each operation', () => {
    expect(sample('graphql_query_cost_count', 'operation="MetricsProbe"')).toBe(2);
    expect(sample('graphql_query_cost_sum', 'operation="MetricsProbe"')).toBeGreaterThan(0);
  });

  it('reports the database time and statements of each operation: none for the answer the cache gave', () => {
    expect(sample('graphql_request_db_statements_count', 'operation="MetricsProbe"')).toBe(2);
    expect(sample('graphql_request_db_statements_bucket', 'le="0",operation="MetricsProbe"')).toBe(1);
    expect(sample('graphql_request_db_statements_sum', 'operation="MetricsProbe"')).toBeGreaterThanOrEqual(1);
    expect(sample('graphql_request_db_seconds_count', 'operation="MetricsProbe"')).toBe(2);
    expect(sample('graphql_request_db_seconds_sum', 'operation="MetricsProbe"')).toBeGreaterThan(0);
  });

  it("reports the open connections, the scrape's own among them", () => {
    expect(Number(/^http_connections_open (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('reports event-loop lag and the default process metrics', () => {
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  });
});

describe('request logs', () => {
  const atlas = useObservedServer();

  it('write one JSON line per request, with the id the client sent, echoed back', async () => {
    const before = atlas.sink.requests().length;
    const response = await atlas.server.post('query LoggedLookup { role(slug: "backend-developer") { name } }', undefined, {
      'x-request-id': 'trace-4711',
    });
    expect(response.headers.get('x-request-id')).toBe('trace-4711');
    const lines = atlas.sink.requests().slice(before);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        reqId: 'trace-4711',
        operation: 'LoggedLookup',
        type: 'query',
        status: 200,
        durationMs: expect.any(Number),
        cost: expect.any(Number),
        errorCode: null,
      }),
    ]);
  });

  it('carry the number of SQL statements the request ran, as the database saw them, and their time', async () => {
    const before = atlas.sink.requests().length;
    const seen = await atlas.counter.during(() =>
      atlas.server.post('query CountedPage { roles(first: 5) { nodes { name skills(first: 3) { nodes { name } } } } }'),
    );
    const [line] = atlas.sink.requests().slice(before);
    expect(seen.length).toBeGreaterThan(1);
    expect(line).toMatchObject({ operation: 'CountedPage', dbStatements: seen.length, dbMs: expect.any(Number) });
    expect(line.dbMs).toBeGreaterThan(0);
  });

  it('mint a request id when the client sends none, or one unfit for a log', async () => {
    const minted = await atlas.server.post('{ __typename }');
    const replaced = await atlas.server.post('{ __typename }', undefined, { 'x-request-id': 'has spaces; and more' });
    for (const response of [minted, replaced]) expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(minted.headers.get('x-request-id')).not.toBe(replaced.headers.get('x-request-id'));
  });

  it('carry the error code, and never an API key or the variables', async () => {
    const before = atlas.sink.requests().length;
    await atlas.server.post(
      'query Secretive($slug: String!) { role(slug: $slug) { name } }',
      { slug: 'variable-value-do-not-log' },
      { authorization: 'Bearer key-value-do-not-log' },
    );
    const [line] = atlas.sink.requests().slice(before);
    expect(line).toMatchObject({ operation: 'Secretive', errorCode: 'UNAUTHENTICATED' });
    expect(atlas.sink.text).not.toContain('do-not-log');
  });
});
