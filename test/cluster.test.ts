import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restartDelay } from '../src/cluster/supervisor';
import { loadConfig } from '../src/config';
import { connectDatabase } from '../src/database';
import { projectRoot } from '../src/shared/project-root';
import { runCli } from './helpers/cli';
import { readSeedDataset } from './helpers/datasets';
import { ask, isRunning, MainProcess, waitFor } from './helpers/main-process';

const ROLES = '{ roles(first: 100) { totalCount nodes { slug } } }';
const SEED_ROLES = readSeedDataset().roles!.length;
/** Start-up builds and seeds a database: generous on a busy machine, and never a speed check. */
const START_TIMEOUT = 90_000;

function tempDatabase(): string {
  return join(mkdtempSync(join(tmpdir(), 'skill-atlas-cluster-')), 'atlas.sqlite');
}

/** The pids a worker reported when it started serving, in start order. */
function workerPids(main: MainProcess): Map<string, number> {
  return new Map(main.matches(/^Worker (\d+) \(pid (\d+)\) is serving\.$/).map((m) => [m[1], Number(m[2])]));
}

/** Asks until `done` says every worker it wanted has been seen; returns the answers by worker. */
async function answersByWorker(url: string, query: string, wanted: (answer: Awaited<ReturnType<typeof ask>>) => boolean) {
  const seen = new Map<string, Awaited<ReturnType<typeof ask>>>();
  await waitFor('an answer from each of the two workers', async () => {
    const answer = await ask(url, query);
    expect(answer.status).toBe(200);
    if (wanted(answer)) seen.set(answer.worker!, answer);
    return seen.size >= 2 ? true : undefined;
  });
  return seen;
}

describe('npm start with WORKERS=2', () => {
  let main: MainProcess;
  let url: string;
  let startedPids: number[];
  beforeAll(async () => {
    main = MainProcess.start({ WORKERS: '2', DATABASE_PATH: tempDatabase() });
    const serving = await main.line(/serving GraphQL at (\S+) from (\d+) worker processes \(pids ([\d, ]+)\)\./, START_TIMEOUT);
    url = serving[1];
    startedPids = serving[3].split(', ').map(Number);
  }, START_TIMEOUT);
  afterAll(() => main.kill());

  it('says it started two workers, and two processes besides the primary are running', async () => {
    expect(startedPids).toHaveLength(2);
    expect(startedPids).not.toContain(main.pid);
    expect(startedPids.filter(isRunning)).toEqual(startedPids);
    // Each worker writes its own line; the primary's may reach the pipe first.
    const reported = await waitFor('both workers to say they serve', () => (workerPids(main).size === 2 ? workerPids(main) : undefined));
    expect([...reported.values()].sort()).toEqual([...startedPids].sort());
  });

  it('seeds the empty database once, before any worker starts', () => {
    const seeded = main.lines.findIndex((l) => l.startsWith('Loaded the curated seeds'));
    const firstWorker = main.lines.findIndex((l) => /^Worker \d+ \(pid \d+\) is serving/.test(l));
    expect(main.matches(/^Loaded the curated seeds/)).toHaveLength(1);
    expect(seeded).toBeGreaterThanOrEqual(0);
    expect(seeded).toBeLessThan(firstWorker);
  });

  it('answers from both workers, each with the whole data', async () => {
    const answers = await answersByWorker(url, ROLES, () => true);
    expect([...answers.keys()].sort()).toEqual(['1', '2']);
    for (const answer of answers.values()) expect(answer.body.data.roles.totalCount).toBe(SEED_ROLES);
  });

  it('starts another worker when one is killed, and answers throughout', async () => {
    const killed = workerPids(main).get('1')!;
    process.kill(killed, 'SIGKILL');
    await main.line(new RegExp(`^Worker 1 \\(pid ${killed}\\) was killed by SIGKILL; starting another`));
    // The primary knows worker 1 is gone: every connection goes to a live worker meanwhile.
    expect((await ask(url, ROLES)).body.data.roles.totalCount).toBe(SEED_ROLES);
    await main.line(/^Worker 3 \(pid \d+\) is serving\.$/);
    expect(isRunning(killed)).toBe(false);
    const answers = await answersByWorker(url, ROLES, () => true);
    expect([...answers.keys()].sort()).toEqual(['2', '3']);
  });

  it('on SIGTERM stops every worker and exits 0', async () => {
    const running = [...workerPids(main).values()].filter(isRunning);
    expect(running).toHaveLength(2);
    process.kill(main.pid, 'SIGTERM');
    expect(await main.exited()).toEqual({ code: 0, signal: null });
    expect(running.filter(isRunning)).toEqual([]);
    expect(main.matches(/^SIGTERM received by worker \d+: finishing in-flight requests/)).toHaveLength(2);
    expect(main.lines).toContain('All 2 workers have stopped.');
  });
});

describe('npm start with WORKERS=1', () => {
  it(
    'serves from the one process, with no workers, and exits 0 on SIGTERM',
    async () => {
      const main = MainProcess.start({ WORKERS: '1', DATABASE_PATH: tempDatabase() });
      try {
        const [, url] = await main.line(/serving GraphQL at (\S+) \(open it/, START_TIMEOUT);
        const answer = await ask(url, ROLES);
        expect(answer.body.data.roles.totalCount).toBe(SEED_ROLES);
        expect(answer.worker).toBeUndefined();
        expect(main.matches(/^Worker \d+/)).toEqual([]);
        process.kill(main.pid, 'SIGTERM');
        expect(await main.exited()).toEqual({ code: 0, signal: null });
      } finally {
        await main.kill();
      }
    },
    START_TIMEOUT,
  );
});

describe('a worker that cannot start', () => {
  let taken: Server;
  beforeAll(() => new Promise<void>((resolve) => (taken = createServer().listen(0, resolve))));
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it(
    'makes the primary give up with exit code 1, leaving no worker behind (the port is taken)',
    async () => {
      const port = (taken.address() as { port: number }).port;
      const main = MainProcess.start({ WORKERS: '2', DATABASE_PATH: tempDatabase(), PORT: String(port) });
      try {
        expect((await main.exited()).code).toBe(1);
        const output = main.lines.join('\n');
        expect(output).toMatch(/EADDRINUSE/);
        expect(output).toMatch(/worker \d+ exited with code 1 before it was serving/);
        const forked = main.matches(/^Worker \d+ \(pid (\d+)\)/).map((m) => Number(m[1]));
        expect(forked.filter(isRunning)).toEqual([]);
      } finally {
        await main.kill();
      }
    },
    START_TIMEOUT,
  );
});

describe('the response cache under WORKERS=2', () => {
  it(
    'is kept by each worker, and each sees an import by another process through its poll',
    async () => {
      const database = tempDatabase();
      const main = MainProcess.start({
        WORKERS: '2',
        DATABASE_PATH: database,
        RESPONSE_CACHE_BYTES: String(32 * 1024 * 1024),
        RESPONSE_CACHE_POLL_MS: '50',
      });
      try {
        const [, url] = await main.line(/serving GraphQL at (\S+) from/, START_TIMEOUT);
        const hits = await answersByWorker(url, ROLES, (a) => a.cache === 'HIT');
        for (const hit of hits.values()) expect(hit.body.data.roles.totalCount).toBe(SEED_ROLES);

        const file = join(mkdtempSync(join(tmpdir(), 'skill-atlas-cluster-')), 'more.json');
        writeFileSync(
          file,
          JSON.stringify({
            format: 'skill-atlas-dataset',
            version: 1,
            sources: [{ slug: 'cluster-test', title: 'Cluster test' }],
            roles: [{ slug: 'imported-meanwhile', name: 'Imported Meanwhile', sources: ['cluster-test'] }],
          }),
        );
        expect((await runCli('import', [file], { DATABASE_PATH: database })).code).toBe(0);

        const fresh = await answersByWorker(url, ROLES, (a) => a.body.data.roles.totalCount === SEED_ROLES + 1);
        expect([...fresh.keys()].sort()).toEqual(['1', '2']);
        // Once each has seen the new version, neither answers from its old entry again.
        for (let i = 0; i < 6; i++) expect((await ask(url, ROLES)).body.data.roles.totalCount).toBe(SEED_ROLES + 1);
      } finally {
        await main.kill();
      }
    },
    START_TIMEOUT,
  );
});

const ONET_FIXTURE = join(projectRoot(), 'test', 'fixtures', 'onet-mini');

describe('npm run migrate', () => {
  it('migrates and seeds an empty database, then leaves a seeded one as it is', async () => {
    const database = tempDatabase();
    const first = await runCli('migrate', [], { DATABASE_PATH: database });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Loaded the curated seeds: ${SEED_ROLES} roles`);
    const second = await runCli('migrate', [], { DATABASE_PATH: database });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('is migrated and has taken in the curated seeds already');
  });

  it('loads the curated seeds into a database that an O*NET import created first', async () => {
    const database = tempDatabase();
    const imported = await runCli('import-onet', [ONET_FIXTURE], { DATABASE_PATH: database });
    expect(imported.code).toBe(0);
    const migrated = await runCli('migrate', [], { DATABASE_PATH: database });
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/Loaded the curated seeds: \d+ roles/);
    const db = await connectDatabase({ databasePath: database, dbLogging: false });
    try {
      const [row] = await db.query(`SELECT COUNT(*) AS n FROM "role" WHERE "slug" = 'backend-developer'`);
      expect(Number(row.n)).toBe(1);
    } finally {
      await db.destroy();
    }
  });
});

describe('restartDelay()', () => {
  it('restarts at once after a worker that had been up for a while', () => {
    expect(restartDelay(0, 250, 30_000)).toBe(0);
  });

  it('doubles the wait with each quick death in a row, up to the ceiling', () => {
    expect([1, 2, 3, 4, 8, 20].map((n) => restartDelay(n, 250, 30_000))).toEqual([250, 500, 1000, 2000, 30_000, 30_000]);
  });
});

describe('the WORKERS setting', () => {
  it('defaults to one process, since each worker holds its own copy of everything in memory', () => {
    expect(loadConfig({}).workers).toBe(1);
  });

  it('defaults to one process for a :memory: database, which workers could not share', () => {
    expect(loadConfig({ DATABASE_PATH: ':memory:' }).workers).toBe(1);
  });

  it('refuses several workers over :memory:, saying why', () => {
    expect(() => loadConfig({ DATABASE_PATH: ':memory:', WORKERS: '2' })).toThrow(/WORKERS=2 needs a database file/);
  });

  it.each(['0', '-1', '1.5', 'two'])('rejects WORKERS=%s, naming the variable', (value) => {
    expect(() => loadConfig({ WORKERS: value })).toThrow(/^WORKERS must be a whole number, 1 or more/);
  });
});
