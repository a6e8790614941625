import { issueApiKey } from '../src/auth/issue-key';
import { connectDatabase } from '../src/database';
import { MainProcess, postQuery, waitFor } from './helpers/main-process';
import { blankDatabase, ENGINE } from './helpers/test-database';

/*
 * Several API processes over one PostgreSQL database (issue 10): each keeps its own response cache,
 * and a trigger on `data_version` notifies every process at commit (LISTEN/NOTIFY), so a write
 * through one process is read through another at once: a query it has not cached reads the
 * database, and a cached answer is dropped when the notification lands, not at the next poll.
 * Two real `npm start` processes (dist/src/main.js), each with DATABASE_URL; it needs PostgreSQL,
 * so it runs in the PostgreSQL pass and is reported as skipped on SQLite alone.
 */

/** Start-up builds and seeds a database: generous on a busy machine, and never a speed check. */
const START_TIMEOUT = 90_000;
/** The suite's servers start without the response cache (test/helpers/env.ts); these use it, as `npm start` does. */
const CACHE_BYTES = String(32 * 1024 * 1024);
/** No poll would help within the test: the poll interval is set far beyond it. */
const POLL_MS = '3600000';

const post = postQuery;

/**
 * The notification reaches the other process a moment after the commit, independently of the
 * HTTP answer: the wait allows for that moment (it is far shorter than the hour-long poll).
 */
const NOTIFIED_WITHIN_MS = 3_000;

const ROLE = '{ role(slug: "backend-developer") { name revision } }';

(ENGINE === 'postgres' ? describe : describe.skip)('two API processes over one PostgreSQL database (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof blankDatabase>>;
  const processes: MainProcess[] = [];
  const urls: string[] = [];
  let key: string;

  beforeAll(async () => {
    database = await blankDatabase();
    // Started together, as a process manager starts them: they take turns at the start-up lock.
    for (let i = 0; i < 2; i++) {
      processes.push(MainProcess.start({ ...database.env, RESPONSE_CACHE_BYTES: CACHE_BYTES, RESPONSE_CACHE_POLL_MS: POLL_MS }));
    }
    for (const main of processes) urls.push((await main.line(/serving GraphQL at (\S+) \(/, START_TIMEOUT))[1]);
    const dataSource = await connectDatabase(database.config);
    key = (await issueApiKey(dataSource, { name: 'two processes', scope: 'write' })).key;
    await dataSource.destroy();
  }, 2 * START_TIMEOUT);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await database?.drop();
  });

  it('migrates and seeds once when both start at the same moment', () => {
    const seeded = processes.map((p) => p.lines.filter((l) => l.startsWith('Loaded the curated seeds')).length);
    expect(seeded.sort()).toEqual([0, 1]);
  });

  it('serves the same data from both, each from its own cache once asked twice', async () => {
    const [a, b] = urls;
    expect((await post(a, ROLE)).body).toEqual((await post(b, ROLE)).body);
    expect((await post(b, ROLE)).cache).toBe('HIT');
    expect((await post(a, ROLE)).cache).toBe('HIT');
  });

  it('reads a write made through one process through the other at once', async () => {
    const [a, b] = urls;
    const before = (await post(b, ROLE)).body.data.role;
    expect((await post(b, ROLE)).cache).toBe('HIT');
    for (const [i, name] of ['Back-end Engineer', 'Backend Developer'].entries()) {
      const written = await post(
        a,
        `mutation { updateRole(input: { slug: "backend-developer", name: "${name}" }) { role { name } userErrors { message } } }`,
        key,
      );
      expect(written.body.errors).toBeUndefined();
      expect(written.body.data.updateRole).toEqual({ role: { name }, userErrors: [] });
      // A query the other process has not cached reads the database: the write is there on the first request.
      const fresh = await post(b, `{ role(slug: "backend-developer") { name summary n${i}: revision } }`);
      expect(fresh.cache).toBe('MISS');
      expect(fresh.body.data.role.name).toBe(name);
      // Its cached answer is dropped when the notification arrives, not at the next poll.
      const read = await waitFor(
        'the cached answer to be dropped',
        async () => {
          const reply = await post(b, ROLE);
          return reply.cache === 'MISS' ? reply : undefined;
        },
        NOTIFIED_WITHIN_MS,
      );
      expect(read.body.data.role.name).toBe(name);
    }
    expect((await post(b, ROLE)).body.data.role.revision).toBe(before.revision + 2);
  });

  it('drops cached answers in every process when a version commits elsewhere (an import, a migration)', async () => {
    const [a, b] = urls;
    for (const url of urls) {
      await post(url, ROLE);
      expect((await post(url, ROLE)).cache).toBe('HIT');
    }
    const dataSource = await connectDatabase(database.config);
    try {
      await dataSource.query(`UPDATE "data_version" SET "version" = "version" + 1`);
    } finally {
      await dataSource.destroy();
    }
    for (const url of [a, b]) {
      await waitFor(
        'the cached answer to be dropped',
        async () => ((await post(url, ROLE)).cache === 'MISS' ? true : undefined),
        NOTIFIED_WITHIN_MS,
      );
    }
  });
});

/** The budget of an API key in the suite below: a few dozen of its queries a minute. */
const KEY_BUDGET = 100;
const EXTRACT = (text: string) => `{ extract(text: "${text}", types: [SKILL]) { node { ... on Skill { slug } } } }`;

(ENGINE === 'postgres' ? describe : describe.skip)(
  'two API processes over one PostgreSQL database, without a response cache (PostgreSQL)',
  () => {
    let database: Awaited<ReturnType<typeof blankDatabase>>;
    const processes: MainProcess[] = [];
    const urls: string[] = [];
    const keys: string[] = [];

    beforeAll(async () => {
      database = await blankDatabase();
      for (let i = 0; i < 2; i++) {
        processes.push(
          MainProcess.start({
            ...database.env,
            RESPONSE_CACHE_BYTES: '0',
            RESPONSE_CACHE_POLL_MS: POLL_MS,
            RATE_LIMIT_PER_MINUTE: String(KEY_BUDGET),
            ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0',
          }),
        );
      }
      for (const main of processes) urls.push((await main.line(/serving GraphQL at (\S+) \(/, START_TIMEOUT))[1]);
      const dataSource = await connectDatabase(database.config);
      for (const name of ['writer', 'sequential reader', 'concurrent reader']) {
        keys.push((await issueApiKey(dataSource, { name, scope: 'write' })).key);
      }
      await dataSource.destroy();
    }, 2 * START_TIMEOUT);
    afterAll(async () => {
      await Promise.all(processes.map((p) => p.kill()));
      await database?.drop();
    });

    it('finds a skill alias written through one process in extract() on the other at once', async () => {
      const [a, b] = urls;
      const text = 'Ten years of Quicksilver Pivoting in a busy team.';
      expect((await post(b, EXTRACT(text))).body.data.extract).toEqual([]);
      const written = await post(
        a,
        'mutation { updateSkill(input: { slug: "adaptability", aliases: ["Quicksilver Pivoting"] }) { userErrors { message } } }',
        keys[0],
      );
      expect(written.body.data.updateSkill.userErrors).toEqual([]);
      const found = await waitFor(
        'the other process to find the new alias',
        async () => {
          const extracted = (await post(b, EXTRACT(text))).body.data.extract;
          return extracted.length ? extracted : undefined;
        },
        NOTIFIED_WITHIN_MS,
      );
      expect(found).toEqual([{ node: { slug: 'adaptability' } }]);
    });

    /** Waits for a fresh minute when the current one is nearly over, so a test's charges fall in one window. */
    const inOneMinute = async () => {
      const left = 60_000 - (Date.now() % 60_000);
      if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    };

    it('hold a key to one budget a minute across both processes, then refuse it with RATE_LIMITED on either', async () => {
      await inOneMinute();
      const key = keys[1];
      const answers = [];
      for (let i = 0; ; i++) {
        const answer = await post(urls[i % 2], ROLE, key);
        answers.push(answer);
        if (answer.status !== 200) break;
      }
      const cost = answers[0].body.extensions!.cost!.requested;
      const accepted = answers.filter((a) => a.status === 200);
      expect(accepted).toHaveLength(Math.floor(KEY_BUDGET / cost));
      // Each charge sees the ones made through the other process.
      expect(accepted.map((a) => a.body.extensions!.cost!.remaining)).toEqual(accepted.map((_, i) => KEY_BUDGET - (i + 1) * cost));
      for (const url of urls) {
        const refused = await post(url, ROLE, key);
        expect(refused.status).toBe(429);
        expect(refused.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
        expect(refused.body.errors?.[0].message).toContain("of this minute's budget is left");
      }
    });

    it('lose no charge when both processes charge one key at the same moment', async () => {
      await inOneMinute();
      const key = keys[2];
      const cost = (await post(urls[0], ROLE, key)).body.extensions!.cost!.requested;
      const answers = await Promise.all(Array.from({ length: 2 * Math.ceil(KEY_BUDGET / cost) }, (_, i) => post(urls[i % 2], ROLE, key)));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(Math.floor(KEY_BUDGET / cost) - 1);
      expect(answers.filter((a) => a.status === 429).every((a) => a.body.errors?.[0].extensions?.code === 'RATE_LIMITED')).toBe(true);
    });
  },
);
