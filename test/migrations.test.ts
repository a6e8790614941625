import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { dataSourceOptions } from '../ormconfig';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/database';
import { migrations, postgresMigrations } from '../src/migrations';
import { runTypeorm } from './helpers/cli';
import { blankDatabase, emptyDatabase, ENGINE } from './helpers/test-database';

/** The migration list of the engine the suite runs on. */
const ENGINE_MIGRATIONS = ENGINE === 'postgres' ? postgresMigrations : migrations;

const appTables = async (dataSource: DataSource) =>
  (
    (await dataSource.query(
      dataSource.options.type === 'postgres'
        ? `SELECT table_name AS "name" FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`
        : `SELECT "name" FROM sqlite_master WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%' AND "name" <> 'migrations' ORDER BY "name"`,
    )) as { name: string }[]
  ).map((t) => t.name);

describe(`the committed migrations (${ENGINE})`, () => {
  let db: Awaited<ReturnType<typeof emptyDatabase>>;
  beforeAll(async () => {
    db = await emptyDatabase();
  });
  afterAll(() => db.dataSource.destroy());

  it('build exactly the schema the entities describe: TypeORM finds nothing to change', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('create a table for every entity', async () => {
    const entityTables = db.dataSource.entityMetadatas.map((m) => m.tableName);
    expect(entityTables.length).toBeGreaterThan(0);
    expect(await appTables(db.dataSource)).toEqual(expect.arrayContaining(entityTables));
  });

  it('are recorded as run, once each', async () => {
    const run: { name: string }[] = await db.dataSource.query(`SELECT "name" FROM "migrations" ORDER BY "id"`);
    expect(run.map((m) => m.name)).toEqual(ENGINE_MIGRATIONS.map((m) => new m().name));
  });

  it('run nothing when the database is opened again', async () => {
    const again = await openDatabase(db.config);
    try {
      expect(await again.showMigrations()).toBe(false);
      const [row] = await again.query(`SELECT COUNT(*) AS n FROM "migrations"`);
      expect(Number(row.n)).toBe(ENGINE_MIGRATIONS.length);
    } finally {
      await again.destroy();
    }
  });

  it('can be undone, leaving no tables behind', async () => {
    const { dataSource } = await emptyDatabase();
    try {
      for (let i = 0; i < ENGINE_MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'all' });
      expect(await appTables(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('npm run migration:generate (the TypeORM CLI on dist/ormconfig.js)', () => {
  const scratch = () => mkdtempSync(join(tmpdir(), 'skill-atlas-migration-'));

  it('finds no changes on a database migrated to the latest migration, and writes no file', async () => {
    const db = await emptyDatabase();
    await db.disconnect();
    const out = scratch();
    const result = await runTypeorm('migration:generate', [join(out, 'Nothing')], db.env);
    await db.dataSource.destroy();
    expect(result.stdout).toContain('No changes in database schema were found');
    expect(result.code).toBe(1);
    expect(readdirSync(out)).toEqual([]);
  });

  it('writes the whole schema for a database that has no tables yet', async () => {
    const blank = await blankDatabase();
    const result = await runTypeorm('migration:generate', ['--dryrun', join(scratch(), 'Everything')], blank.env);
    await blank.drop();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('CREATE TABLE "role"');
  });

  it('loads its DataSource without reading PORT, which the app validates and reports itself', async () => {
    const db = await emptyDatabase();
    await db.disconnect();
    const result = await runTypeorm('migration:show', [], { ...db.env, PORT: 'http' });
    await db.dataSource.destroy();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    for (const migration of ENGINE_MIGRATIONS) expect(result.stdout).toMatch(new RegExp(`\\[X\\] \\d+ ${new migration().name}\\b`));
  });
});

describe('dataSourceOptions()', () => {
  it('never lets TypeORM synchronize the schema', () => {
    expect(dataSourceOptions().synchronize).toBe(false);
    expect(dataSourceOptions({ databasePath: ':memory:', dbLogging: true }).synchronize).toBe(false);
  });

  it('uses ./data/skill-atlas.sqlite when DATABASE_PATH is not set', () => {
    expect(dataSourceOptions(loadConfig({})).database).toBe('./data/skill-atlas.sqlite');
  });

  it('uses DATABASE_PATH when it is set', () => {
    const path = join('somewhere', 'else.sqlite');
    expect(dataSourceOptions(loadConfig({ DATABASE_PATH: path })).database).toBe(path);
  });

  it('logs every statement when DB_LOGGING=true, and only errors otherwise', () => {
    expect(dataSourceOptions(loadConfig({ DB_LOGGING: 'true' })).logging).toBe('all');
    expect(dataSourceOptions(loadConfig({})).logging).toEqual(['error']);
    expect(dataSourceOptions(loadConfig({ DB_LOGGING: 'false' })).logging).toEqual(['error']);
  });

  it('runs the committed migration list', () => {
    expect(dataSourceOptions(loadConfig({})).migrations).toBe(migrations);
  });
});

describe('loadConfig()', () => {
  it('has a default for every setting', () => {
    expect(loadConfig({})).toEqual({
      databasePath: './data/skill-atlas.sqlite',
      databaseReplicaUrls: [],
      dbLogging: false,
      port: 4000,
      seedsDir: 'seeds',
      introspection: true,
      logLevel: 'info',
      corsOrigins: '*',
      responseCacheBytes: 32 * 1024 * 1024,
      responseCachePollMs: 1000,
      httpCacheMaxAge: 60,
      maxCost: 10_000,
      maxDepth: 20,
      maxAliases: 30,
      maxDirectives: 50,
      maxTokens: 10_000,
      maxBodyBytes: 1024 * 1024,
      maxCostInFlight: 20_000,
      workers: 1,
      readConnections: 4,
      readRequiresKey: false,
      rateLimitPerMinute: 200_000,
      anonymousRateLimitPerMinute: 50_000,
    });
  });

  it.each(['yes', '1', 'TRUE'])('rejects INTROSPECTION=%s, naming the variable and its two values', (value) => {
    expect(() => loadConfig({ INTROSPECTION: value })).toThrow('INTROSPECTION must be true or false');
  });

  it.each(['-1', '65536', 'http', '80.5'])('rejects PORT=%s, naming the variable', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT/);
  });
});
