import { mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { ReadPool } from '../src/db/read-pool';
import { importDatasetFile } from '../src/dataset/dataset.import';
import { readSeedDataset } from './helpers/datasets';
import { MainProcess } from './helpers/main-process';
import { StatementCounter } from './helpers/statement-counter';
import { ENGINE, seededDatabase } from './helpers/test-database';
import { TestServer } from './helpers/test-server';

/** SQLite connections: this suite is about SQLite itself, so the PostgreSQL pass reports it as skipped. */
const onSqlite = ENGINE === 'sqlite' ? describe : describe.skip;

const ROLES = '{ roles(first: 100) { totalCount nodes { slug name } } }';
const SEED_ROLES = readSeedDataset().roles!.length;

onSqlite('a read pool of two connections', () => {
  let db: Awaited<ReturnType<typeof seededDatabase>>;
  let second: StatementCounter;
  let pool: ReadPool;
  let server: TestServer;
  beforeAll(async () => {
    db = await seededDatabase();
    second = new StatementCounter();
    pool = await ReadPool.open(db.dataSource, { databasePath: db.path, dbLogging: false }, 2, second);
    server = await TestServer.start(db.dataSource, {}, { reader: () => pool.next() });
  });
  afterAll(async () => {
    await server.stop();
    await pool.close();
    await db.dataSource.destroy();
  });

  it('answers requests through both connections in turn, each with the same answer', async () => {
    const answers: unknown[] = [];
    const onSecond: number[] = [];
    const onFirst = await db.counter.during(async () => {
      for (let i = 0; i < 4; i++) {
        onSecond.push((await second.during(async () => answers.push(await server.data(ROLES)))).length);
      }
    });
    expect(onSecond.map((n) => n > 0)).toEqual([false, true, false, true]);
    expect(onFirst.length).toBeGreaterThanOrEqual(onSecond[1] * 2);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it('sees on every connection what an import committed on another', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'skill-atlas-pool-')), 'more.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'skill-atlas-dataset',
        version: 1,
        sources: [{ slug: 'pool-test', title: 'Pool test' }],
        roles: [{ slug: 'pooled', name: 'Pooled', sources: ['pool-test'] }],
      }),
    );
    await importDatasetFile(db.dataSource, file);
    const counts = [];
    for (let i = 0; i < 2; i++) counts.push((await server.data(ROLES)).roles.totalCount);
    expect(counts).toEqual([SEED_ROLES + 1, SEED_ROLES + 1]);
  });
});

onSqlite('READ_CONNECTIONS=2 in npm start', () => {
  it('holds two connections to the database file, and answers', async () => {
    const database = join(mkdtempSync(join(tmpdir(), 'skill-atlas-pool-')), 'atlas.sqlite');
    const main = MainProcess.start({ WORKERS: '1', READ_CONNECTIONS: '2', DATABASE_PATH: database });
    try {
      const [, url] = await main.line(/serving GraphQL at (\S+) \(open it/, 90_000);
      const opened = readdirSync(`/proc/${main.pid}/fd`).filter((fd) => {
        try {
          return readlinkSync(`/proc/${main.pid}/fd/${fd}`) === database;
        } catch {
          return false;
        }
      });
      expect(opened).toHaveLength(2);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ROLES }),
      });
      expect(((await response.json()) as { data: { roles: { totalCount: number } } }).data.roles.totalCount).toBe(SEED_ROLES);
    } finally {
      await main.kill();
    }
  }, 90_000);
});

onSqlite('the READ_CONNECTIONS setting', () => {
  it('defaults to as many connections as libuv runs statements at once: its thread pool of 4', () => {
    expect(loadConfig({}).readConnections).toBe(4);
  });

  it('follows UV_THREADPOOL_SIZE when the thread pool is resized', () => {
    expect(loadConfig({ UV_THREADPOOL_SIZE: '8' }).readConnections).toBe(8);
  });

  it('defaults to the one connection a :memory: database has', () => {
    expect(loadConfig({ DATABASE_PATH: ':memory:' }).readConnections).toBe(1);
  });

  it.each(['0', '-2', '1.5', 'four'])('rejects READ_CONNECTIONS=%s, naming the variable', (value) => {
    expect(() => loadConfig({ READ_CONNECTIONS: value })).toThrow(/^READ_CONNECTIONS must be a whole number, 1 or more/);
  });
});
