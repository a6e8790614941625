import { Client } from 'pg';
import { issueApiKey } from '../src/auth/issue-key';
import { MainProcess, postQuery, waitFor } from './helpers/main-process';
import { findPostgres, PostgresCluster } from './helpers/postgres-cluster';
import { ENGINE, POSTGRES_URL, seededDatabase, type TestDatabase } from './helpers/test-database';

/*
 * Reads from streaming replicas, writes to the primary (DATABASE_REPLICA_URLS, issue 10). A real
 * hot standby of the throw-away cluster (pg_basebackup -R) serves `npm start`'s reads. Pausing its
 * replay makes the two databases differ, which shows where each request went: a query answers
 * what the replica has, a mutation writes to the primary and its payload reads the write back from
 * there. It needs PostgreSQL, so it runs in the PostgreSQL pass and is reported as skipped on SQLite.
 */

const START_TIMEOUT = 90_000;
/** The primary keeps the WAL this replica still needs in a slot of its own. */
const SLOT = `atlas_replica_${process.pid}`;
const ROLE = '{ role(slug: "backend-developer") { name } }';
/** How long the replica may take to replay a write once replay resumes. */
const REPLAY_WITHIN_MS = 10_000;

/** The answer's JSON: these tests read data only (the response cache is off in the suite's processes). */
const post = async (url: string, query: string, key?: string) => (await postQuery(url, query, key)).body;

/** A GET of a query, as a browser or a CDN sends it. */
const get = (url: string, query: string) =>
  fetch(`${url}?${new URLSearchParams({ query })}`, { headers: { 'apollo-require-preflight': 'true' } });

(ENGINE === 'postgres' ? describe : describe.skip)('reads on a streaming replica, writes on the primary (PostgreSQL)', () => {
  let primary: TestDatabase;
  let replica: PostgresCluster;
  let main: MainProcess;
  let url: string;
  let key: string;

  /** Runs one statement on the named server's copy of the test database. */
  async function on(server: 'primary' | 'replica', statement: string): Promise<any[]> {
    const client = new Client({ connectionString: server === 'primary' ? primary.path : replicaUrl() });
    await client.connect();
    try {
      return (await client.query(statement)).rows;
    } finally {
      await client.end();
    }
  }
  const replicaUrl = () => {
    const u = new URL(primary.path);
    u.searchParams.set('host', replica.dir);
    return u.toString();
  };
  const nameOnThe = async (server: 'primary' | 'replica') =>
    (await on(server, `SELECT "name" FROM "role" WHERE "slug" = 'backend-developer'`))[0].name as string;

  beforeAll(async () => {
    const found = findPostgres();
    if ('missing' in found) throw new Error(found.missing);
    const host = new URL(POSTGRES_URL!).searchParams.get('host');
    if (!host?.startsWith('/')) {
      throw new Error(
        'The replica suite takes a base backup of the test server over its Unix socket: TEST_DATABASE_URL must name a local cluster by its socket folder (?host=/path), as runWithPostgres (test/helpers/postgres-cluster.ts) gives.',
      );
    }
    primary = await seededDatabase();
    key = (await issueApiKey(primary.dataSource, { name: 'replica suite', scope: 'write' })).key;
    await primary.disconnect();
    replica = await PostgresCluster.replicaOf(found.bin, host, SLOT, () => undefined);
    main = MainProcess.start({ DATABASE_URL: primary.path, DATABASE_REPLICA_URLS: replicaUrl() });
    url = (await main.line(/serving GraphQL at (\S+) \(/, START_TIMEOUT))[1];
  }, 2 * START_TIMEOUT);
  afterAll(async () => {
    await main?.kill();
    await replica?.stop();
    if (primary) {
      await on('primary', `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '${SLOT}'`);
      await primary.dataSource.destroy();
    }
  });

  it('has a hot standby streaming from the primary', async () => {
    expect(await on('replica', 'SELECT pg_is_in_recovery() AS "standby"')).toEqual([{ standby: true }]);
    expect((await on('primary', 'SELECT COUNT(*)::int AS "n" FROM pg_stat_replication'))[0].n).toBe(1);
    await expect(on('replica', `UPDATE "role" SET "name" = 'x'`)).rejects.toThrow(/read-only/);
  });

  it('answers queries from the replica', async () => {
    await on('replica', 'SELECT pg_wal_replay_pause()');
    await on('primary', `UPDATE "role" SET "name" = 'Only On The Primary' WHERE "slug" = 'backend-developer'`);
    expect(await nameOnThe('replica')).toBe('Backend Developer');
    expect((await post(url, ROLE)).data.role.name).toBe('Backend Developer');
  });

  it('sends a mutation to the primary, and its payload reads the write back from there', async () => {
    const written = await post(
      url,
      'mutation { updateRole(input: { slug: "backend-developer", name: "Written Through The API" }) { role { name aliases } userErrors { message } } }',
      key,
    );
    expect(written.errors).toBeUndefined();
    expect(written.data.updateRole.userErrors).toEqual([]);
    expect(written.data.updateRole.role.name).toBe('Written Through The API');
    // The old name becomes an alias: the primary's row as the mutation left it, not the replica's.
    expect(written.data.updateRole.role.aliases).toContain('Only On The Primary');
    expect(await nameOnThe('primary')).toBe('Written Through The API');
  });

  it('gives a GET answered by a replica behind the data version no ETag, and forbids storing it', async () => {
    const answer = await get(url, ROLE);
    expect((await answer.json()).data.role.name).toBe('Backend Developer');
    expect(answer.headers.get('etag')).toBeNull();
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps answering later queries from the replica, which shows the write once it replays it', async () => {
    expect(await nameOnThe('replica')).toBe('Backend Developer');
    expect((await post(url, ROLE)).data.role.name).toBe('Backend Developer');
    await on('replica', 'SELECT pg_wal_replay_resume()');
    await waitFor(
      'the replica to replay the write',
      async () => ((await post(url, ROLE)).data.role.name === 'Written Through The API' ? true : undefined),
      REPLAY_WITHIN_MS,
    );
  });

  it('tags a GET again once the replica has replayed the data version', async () => {
    const answer = await get(url, ROLE);
    expect((await answer.json()).data.role.name).toBe('Written Through The API');
    expect(answer.headers.get('etag')).toMatch(/^W\/"\d+-/);
    expect(answer.headers.get('cache-control')).toMatch(/max-age=/);
  });
});
