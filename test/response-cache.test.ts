import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { readDataVersion } from '../src/cache/data-version.store';
import { CACHE_HEADER, ResponseCache } from '../src/cache/response-cache';
import { loadConfig } from '../src/config';
import { importDatasetFile } from '../src/dataset/dataset.import';
import type { Dataset } from '../src/dataset/dataset.format';
import { writeDataset } from '../src/dataset/dataset.mapping';
import { seed } from '../src/seed';
import { runCli } from './helpers/cli';
import type { StatementCounter } from './helpers/statement-counter';
import { emptyDatabase, seededDatabase, SEEDS_DIR } from './helpers/test-database';
import { TestServer } from './helpers/test-server';

interface Answer {
  cache: string | null;
  body: { data?: any; errors?: { extensions?: { code?: string } }[]; extensions?: Record<string, unknown> };
}

/** Posts a query and returns the body with the cache header. */
async function ask(server: TestServer, query: string, variables?: Record<string, unknown>, operationName?: string): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return { cache: response.headers.get(CACHE_HEADER), body: (await response.json()) as Answer['body'] };
}

function datasetFile(data: Omit<Dataset, 'format' | 'version'>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'skill-atlas-cache-')), 'dataset.json');
  writeFileSync(file, JSON.stringify({ format: 'skill-atlas-dataset', version: 1, ...data }));
  return file;
}

/**
 * The real server with the response cache on (the suite's default is off: test/helpers/env.ts).
 * It polls for other processes' imports only when asked, so no poll lands in a counted request.
 */
async function startCachedServer(dataSource: DataSource, { bytes = 32 * 1024 * 1024, pollMs = 0 } = {}): Promise<TestServer> {
  const settings = { RESPONSE_CACHE_BYTES: String(bytes), RESPONSE_CACHE_POLL_MS: String(pollMs) };
  const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  try {
    return await TestServer.start(dataSource);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

const ROLES = '{ roles(first: 100) { totalCount nodes { slug name } } }';
const ROLE = 'query Role($slug: String) { role(slug: $slug) { name skills(first: 5) { nodes { name } } } }';

describe('the response cache', () => {
  let dataSource: DataSource;
  let counter: StatementCounter;
  let server: TestServer;
  beforeAll(async () => {
    ({ dataSource, counter } = await seededDatabase());
    server = await startCachedServer(dataSource);
  });
  afterAll(async () => {
    await server.stop();
    await dataSource.destroy();
  });

  it('answers a repeated query from memory, running no SQL', async () => {
    const first = await ask(server, ROLE, { slug: 'backend-developer' });
    expect(first.cache).toBe('MISS');
    expect(first.body.data.role.name).toBe('Backend Developer');
    let second: Answer | undefined;
    const statements = await counter.during(async () => {
      second = await ask(server, ROLE, { slug: 'backend-developer' });
    });
    expect(second!.cache).toBe('HIT');
    expect(second!.body).toEqual(first.body);
    expect(statements).toEqual([]);
  });

  it('treats whitespace, commas and comments as the same query', async () => {
    const spaced = `# the role page\nquery Role( $slug : String ) {\n  role(slug: $slug) { name, skills(first: 5) { nodes { name } } }\n}`;
    expect((await ask(server, ROLE, { slug: 'backend-developer' })).cache).toBe('HIT');
    expect((await ask(server, spaced, { slug: 'backend-developer' })).cache).toBe('HIT');
  });

  it('misses on different variables, and answers them', async () => {
    await ask(server, ROLE, { slug: 'backend-developer' });
    const other = await ask(server, ROLE, { slug: 'no-such-role' });
    expect(other.cache).toBe('MISS');
    expect(other.body.data.role).toBeNull();
  });

  it('misses on a different operation of the same document', async () => {
    const document = 'query Names { roles(first: 2) { nodes { name } } } query Count { roles { totalCount } }';
    expect((await ask(server, document, {}, 'Names')).cache).toBe('MISS');
    const count = await ask(server, document, {}, 'Count');
    expect(count.cache).toBe('MISS');
    expect(count.body.data.roles.totalCount).toBeGreaterThan(0);
    expect((await ask(server, document, {}, 'Count')).cache).toBe('HIT');
  });

  it('never keeps an answer with errors', async () => {
    const query = '{ roles(first: 1000) { totalCount } }';
    const first = await ask(server, query);
    expect(first.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(first.cache).toBe('MISS');
    expect((await ask(server, query)).cache).toBe('MISS');
  });

  it('misses after an import that changed the data, and returns the new data', async () => {
    const before = await ask(server, ROLES);
    expect((await ask(server, ROLES)).cache).toBe('HIT');
    const version = await readDataVersion(dataSource);
    await importDatasetFile(
      dataSource,
      datasetFile({
        sources: [{ slug: 'cache-test', title: 'Cache test' }],
        roles: [{ slug: 'cache-tester', name: 'Cache Tester', sources: ['cache-test'] }],
      }),
    );
    expect(await readDataVersion(dataSource)).toBe(version + 1);
    let after: Answer | undefined;
    const statements = await counter.during(async () => {
      after = await ask(server, ROLES);
    });
    expect(after!.cache).toBe('MISS');
    // The new version was read when the import committed, not by this request.
    expect(statements.some((s) => s.includes('data_version'))).toBe(false);
    expect(statements.length).toBeGreaterThan(0);
    expect(after!.body.data.roles.totalCount).toBe(before.body.data.roles.totalCount + 1);
    expect(after!.body.data.roles.nodes).toContainEqual({ slug: 'cache-tester', name: 'Cache Tester' });
    expect((await ask(server, ROLES)).cache).toBe('HIT');
  });

  it('keeps its answers through an import that changed nothing', async () => {
    const file = datasetFile({
      sources: [{ slug: 'cache-test', title: 'Cache test' }],
      roles: [{ slug: 'cache-tester', name: 'Cache Tester', sources: ['cache-test'] }],
    });
    await importDatasetFile(dataSource, file);
    await ask(server, ROLES);
    const version = await readDataVersion(dataSource);
    await importDatasetFile(dataSource, file);
    expect(await readDataVersion(dataSource)).toBe(version);
    expect((await ask(server, ROLES)).cache).toBe('HIT');
  });
});

describe('an import by another process', () => {
  it('reaches the cache through its poll: the next identical query misses and returns the new data', async () => {
    const db = await seededDatabase();
    const server = await startCachedServer(db.dataSource, { pollMs: 20 });
    try {
      const before = await ask(server, ROLES);
      expect((await ask(server, ROLES)).cache).toBe('HIT');
      const file = datasetFile({
        sources: [{ slug: 'cache-test', title: 'Cache test' }],
        roles: [{ slug: 'cli-imported', name: 'CLI Imported', sources: ['cache-test'] }],
      });
      const cli = await runCli('import', [file], db.env);
      expect(cli.code).toBe(0);
      // The poll runs on a timer; wait for it (bounded), not for any particular speed.
      let after = await ask(server, ROLES);
      for (let tries = 0; after.cache === 'HIT' && tries < 250; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        after = await ask(server, ROLES);
      }
      expect(after.cache).toBe('MISS');
      expect(after.body.data.roles.totalCount).toBe(before.body.data.roles.totalCount + 1);
    } finally {
      await server.stop();
      await db.dataSource.destroy();
    }
  });
});

describe('the cache settings', () => {
  it.each([
    ['RESPONSE_CACHE_BYTES', '-1'],
    ['RESPONSE_CACHE_BYTES', '32MB'],
    ['RESPONSE_CACHE_POLL_MS', '0.5'],
  ])('reject %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('turn the cache off with RESPONSE_CACHE_BYTES=0', async () => {
    const db = await seededDatabase();
    const server = await startCachedServer(db.dataSource, { bytes: 0 });
    try {
      await ask(server, ROLES);
      expect((await ask(server, ROLES)).cache).toBeNull();
    } finally {
      await server.stop();
      await db.dataSource.destroy();
    }
  });
});

describe('the data version', () => {
  it('is advanced once by a seed load, inside its transaction', async () => {
    const db = await emptyDatabase();
    try {
      expect(await readDataVersion(db.dataSource)).toBe(0);
      await seed(db.dataSource, SEEDS_DIR);
      expect(await readDataVersion(db.dataSource)).toBe(1);
      await seed(db.dataSource, SEEDS_DIR);
      expect(await readDataVersion(db.dataSource)).toBe(1);
    } finally {
      await db.dataSource.destroy();
    }
  });

  it('is not advanced by an import that fails and rolls back', async () => {
    const db = await seededDatabase();
    try {
      const version = await readDataVersion(db.dataSource);
      await expect(
        db.dataSource.transaction(async (manager) => {
          await writeDataset(manager, {
            format: 'skill-atlas-dataset',
            version: 1,
            roles: [{ slug: 'doomed', name: 'Doomed', sources: [] }],
          });
          throw new Error('disk full');
        }),
      ).rejects.toThrow('disk full');
      expect(await readDataVersion(db.dataSource)).toBe(version);
    } finally {
      await db.dataSource.destroy();
    }
  });
});

describe('a cached answer', () => {
  it('reports the cost of its query, as the answer it repeats did', async () => {
    const { dataSource } = await seededDatabase();
    const server = await startCachedServer(dataSource);
    try {
      const miss = await ask(server, ROLE, { slug: 'backend-developer' });
      const hit = await ask(server, ROLE, { slug: 'backend-developer' });
      expect([miss.cache, hit.cache]).toEqual(['MISS', 'HIT']);
      expect(miss.body.extensions?.cost).toEqual({ requested: expect.any(Number), limit: expect.any(Number) });
      expect(hit.body.extensions?.cost).toEqual(miss.body.extensions?.cost);
    } finally {
      await server.stop();
      await dataSource.destroy();
    }
  });

  it('still carries the attribution its sources require', async () => {
    const db = await emptyDatabase();
    const attribution = 'Includes information from Example Data, used under CC BY 4.0.';
    await db.dataSource.transaction((manager) =>
      writeDataset(manager, {
        format: 'skill-atlas-dataset',
        version: 1,
        sources: [{ slug: 'example-data', title: 'Example Data', licence: 'CC BY 4.0', attribution }],
        roles: [{ slug: 'analyst', name: 'Analyst', sources: ['example-data'] }],
      }),
    );
    const server = await startCachedServer(db.dataSource);
    try {
      expect((await ask(server, ROLES)).cache).toBe('MISS');
      const hit = await ask(server, ROLES);
      expect(hit.cache).toBe('HIT');
      expect(hit.body.extensions?.attribution).toEqual([attribution]);
    } finally {
      await server.stop();
      await db.dataSource.destroy();
    }
  });
});

describe('the cache bound', () => {
  const MAX_BYTES = 8_000;
  let dataSource: DataSource;
  let server: TestServer;
  beforeAll(async () => {
    ({ dataSource } = await seededDatabase());
    server = await startCachedServer(dataSource, { bytes: MAX_BYTES });
  });
  afterAll(async () => {
    await server.stop();
    await dataSource.destroy();
  });

  it('drops the least recently used answers when full, on the real server', async () => {
    const query = 'query Page($first: Int) { roles(first: $first) { nodes { slug } } }';
    for (let first = 1; first <= 20; first++) expect((await ask(server, query, { first })).cache).toBe('MISS');
    expect((await ask(server, query, { first: 20 })).cache).toBe('HIT');
    expect((await ask(server, query, { first: 1 })).cache).toBe('MISS');
  });

  it('holds no more bytes than its bound, and never one answer over an eighth of it', () => {
    const cache = new ResponseCache(MAX_BYTES);
    cache.get(1, 'warm');
    for (let i = 0; i < 200; i++) cache.set(1, `key ${i}`, JSON.stringify({ role: { name: `Role ${i}`, summary: 'x'.repeat(i * 3) } }));
    expect(cache.bytes).toBeLessThanOrEqual(MAX_BYTES);
    expect(cache.size).toBeGreaterThan(5);
    cache.set(1, 'huge', JSON.stringify({ text: 'y'.repeat(MAX_BYTES / 8) }));
    expect(cache.get(1, 'huge')).toBeUndefined();
    // Text outside Latin-1 takes two bytes a character in V8, and is counted so.
    cache.set(1, 'wide', JSON.stringify({ text: '–'.repeat(MAX_BYTES / 16) }));
    expect(cache.get(1, 'wide')).toBeUndefined();
  });

  it('drops every answer when the data version moves, and keeps none computed before', () => {
    const cache = new ResponseCache(MAX_BYTES);
    cache.get(1, 'a');
    cache.set(1, 'a', '{"n":1}');
    expect(cache.get(2, 'a')).toBeUndefined();
    cache.set(1, 'a', '{"n":1}');
    expect(cache.get(2, 'a')).toBeUndefined();
    expect(cache.get(1, 'a')).toBeUndefined();
  });
});
