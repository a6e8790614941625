import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import type { Logger } from 'typeorm';
import { openDatabase } from '../src/database';
import { exampleOperations } from '../src/playground/playground';
import { readSeedDataset } from './helpers/datasets';
import { SHIPPED_LIMITS } from './helpers/limits';
import { useSeededServer } from './helpers/served-database';
import { TestServer } from './helpers/test-server';
import { LARGE_COPIES, writeLargeDataset } from './helpers/two-sizes';

const atlas = useSeededServer(SHIPPED_LIMITS);

describe('POST /graphql', () => {
  it('answers a query with JSON', async () => {
    const response = await fetch(atlas.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ role(slug: "backend-developer") { name } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(await response.json()).toEqual({
      data: { role: { name: readSeedDataset().roles!.find((r) => r.slug === 'backend-developer')!.name } },
      extensions: { cost: { requested: expect.any(Number), limit: expect.any(Number) } },
    });
  });

  it('keeps an idle connection open for 65 s, longer than the 60 s idle timeout of common load balancers', async () => {
    const response = await fetch(atlas.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    await response.text();
    expect(response.headers.get('keep-alive')).toBe('timeout=65');
  });
});

describe('GET /graphql from a browser', () => {
  let page: { status: number; type: string | null; html: string };
  beforeAll(async () => {
    const response = await fetch(atlas.server.url, { headers: { accept: 'text/html' } });
    page = { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
  });

  it('serves the playground page', () => {
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.html).toMatch(/<title>\s*Skill Atlas\s*<\/title>/);
    expect(page.html.toLowerCase()).toContain('graphiql');
  });

  it('opens every example operation', () => {
    const names = exampleOperations().map((e) => e.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !page.html.includes(`query ${name}`) && !page.html.includes(`mutation ${name}`))).toEqual([]);
  });

  it('can introspect the schema, as the playground does on load (within the shipped limits)', async () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      inputValueDeprecation: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
    });
    const response = await atlas.server.query(query);
    expect(response.errors).toBeUndefined();
    expect(response.data.__schema.queryType.name).toBe('Query');
  });

  it('inlines its scripts and styles', () => {
    expect(page.html).toMatch(/<script[^>]*>\s*\S/);
    expect(page.html).toMatch(/<style[^>]*>\s*\S/);
  });

  it('loads nothing from another host: no src/href, CSS url() or @import points at http(s):// or //', () => {
    const external = String.raw`\s*["']?\s*(?:https?:)?//`;
    const patterns = [
      new RegExp(String.raw`\b(?:src|href)\s*=${external}`, 'gi'),
      new RegExp(String.raw`url\(${external}`, 'gi'),
      new RegExp(String.raw`@import\s+(?:url\()?${external}`, 'gi'),
    ];
    const found = patterns.flatMap((pattern) => [...page.html.matchAll(pattern)].map((m) => page.html.slice(m.index!, m.index! + 80)));
    expect(found).toEqual([]);
  });
});

/** A TypeORM logger that tells when the next SQL statement starts. */
class StatementWatch implements Logger {
  private waiting?: () => void;

  nextStatement(): Promise<void> {
    return new Promise((resolve) => (this.waiting = resolve));
  }
  logQuery(): void {
    this.waiting?.();
    this.waiting = undefined;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

describe('stop()', () => {
  // Four levels of 100-item pages over a dataset ten times the seeds: long enough to stop mid-way.
  const HEAVY = `{ roles(first: 100) { totalCount nodes { name
    skills(first: 100) { edges { importance node { name
      tools(first: 100) { nodes { name roles(first: 100) { totalCount nodes { name } } } } } } } } } }`;

  it('lets a request in flight finish, then refuses new connections', async () => {
    const watch = new StatementWatch();
    const dataSource = await openDatabase(
      { databasePath: join(mkdtempSync(join(tmpdir(), 'skill-atlas-')), 'stop.sqlite'), dbLogging: false },
      watch,
    );
    await writeLargeDataset(dataSource);
    const server = await TestServer.start(dataSource);
    try {
      const events: string[] = [];
      const started = watch.nextStatement();
      const inFlight = server.query(HEAVY).then((response) => {
        events.push('response received');
        return response;
      });
      await started;
      events.push('stop called');
      const stopped = server.stop().then(() => events.push('stopped'));

      const response = await inFlight;
      await stopped;
      expect(response.errors).toBeUndefined();
      expect(response.data.roles.totalCount).toBe(readSeedDataset().roles!.length * LARGE_COPIES);
      // Complete although stop was called while it ran. The server's stop may resolve before the
      // client has read the last bytes (they are sent; the client is still decompressing them).
      expect(events[0]).toBe('stop called');
      expect(events.slice(1).sort()).toEqual(['response received', 'stopped']);

      await expect(server.query('{ roles { totalCount } }')).rejects.toThrow('fetch failed');
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('introspection', () => {
  const introspect = (server: TestServer) => server.query('{ __schema { queryType { name } } }');
  const underProduction = async <T>(action: () => Promise<T>): Promise<T> => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      return await action();
    } finally {
      process.env.NODE_ENV = previous;
    }
  };

  it('stays on with NODE_ENV=production, where Apollo would turn it off', async () => {
    const server = await underProduction(() => TestServer.start(atlas.dataSource, SHIPPED_LIMITS));
    try {
      const response = await introspect(server);
      expect(response.errors).toBeUndefined();
      expect(response.data.__schema.queryType.name).toBe('Query');
    } finally {
      await server.stop();
    }
  });

  it('is refused with a validation error when INTROSPECTION=false', async () => {
    const server = await TestServer.start(atlas.dataSource, { ...SHIPPED_LIMITS, introspection: false });
    try {
      const response = await introspect(server);
      expect(response.data).toBeUndefined();
      expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.errors?.[0].message).toMatch(/introspection/i);
    } finally {
      await server.stop();
    }
  });
});
