import { DataVersionClock } from '../src/cache/data-version';
import { connectDatabase } from '../src/database';
import { waitFor } from './helpers/main-process';
import { emptyDatabase, ENGINE, POSTGRES_URL } from './helpers/test-database';

/*
 * The data-version clock follows PostgreSQL's notifications (LISTEN/NOTIFY). When the server cannot
 * be reached at the moment a process starts following, the clock keeps trying, and once it listens
 * it sees another process's commit without reading the row. PostgreSQL only: SQLite has no LISTEN.
 */

/** The clock tries to listen again every second; a busy machine gets a few. */
const RELISTENED_WITHIN_MS = 10_000;

(ENGINE === 'postgres' ? describe : describe.skip)('the data-version clock on PostgreSQL', () => {
  it('listens again when LISTEN failed at start-up, then follows a commit elsewhere without a statement', async () => {
    const db = await emptyDatabase();
    const [{ name }] = (await db.dataSource.query('SELECT current_database() AS "name"')) as { name: string }[];
    // On the server's own database: a database cannot turn away the connection that alters it.
    const admin = await connectDatabase({ ...db.config, databaseUrl: POSTGRES_URL });
    const clock = new DataVersionClock(db.dataSource);
    let unfollow: (() => Promise<void>) | undefined;
    try {
      // The database turns new connections away, and the pool's open ones are ended: LISTEN cannot start.
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      await waitFor('the connections to end', async () => {
        const left = (await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])) as unknown[];
        return left.length === 0 ? true : undefined;
      });
      unfollow = await clock.follow();
      await expect(clock.epoch()).rejects.toThrow();
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);

      // Listening again: the clock answers from memory.
      const before = await waitFor(
        'the clock to listen again',
        async () => {
          let epoch = 0;
          const statements = await db.counter.during(async () => (epoch = await clock.epoch()));
          return statements.length === 0 ? epoch : undefined;
        },
        RELISTENED_WITHIN_MS,
      );
      const other = await connectDatabase(db.config);
      await other.query('UPDATE "data_version" SET "version" = "version" + 1');
      await other.destroy();
      await waitFor('the notification to move the clock', async () => {
        let epoch = 0;
        const statements = await db.counter.during(async () => (epoch = await clock.epoch()));
        expect(statements).toEqual([]);
        return epoch > before ? true : undefined;
      });
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await unfollow?.();
      await admin.destroy();
      await db.dataSource.destroy();
    }
  }, 30_000);
  it('keeps the newer version a notification brought while its own read of the row was under way', async () => {
    const db = await emptyDatabase();
    const other = await connectDatabase(db.config);
    const locker = other.createQueryRunner();
    const clock = new DataVersionClock(db.dataSource);
    const unfollow = await clock.follow();
    try {
      const [{ version }] = (await other.query('SELECT "version" FROM "data_version"')) as { version: number }[];
      const stored = Number(version);
      // The clock's read of the row waits behind a lock…
      await locker.startTransaction();
      await locker.query('LOCK TABLE "data_version" IN ACCESS EXCLUSIVE MODE');
      const reading = clock.epoch();
      await waitFor('the read to wait for the lock', async () => {
        const waiting = (await other.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )) as unknown[];
        return waiting.length > 0 ? true : undefined;
      });
      // …while the notification of a newer version lands, …
      await other.query(`SELECT pg_notify('data_version', $1)`, [String(stored + 1)]);
      await waitFor('the notification to move the clock', async () => (clock.knownVersion === stored + 1 ? true : undefined));
      // …so the older version the read then returns does not move the clock back.
      await locker.commitTransaction();
      await reading;
      expect(clock.knownVersion).toBe(stored + 1);
      const statements = await db.counter.during(async () => expect(await clock.version()).toBe(stored + 1));
      expect(statements).toEqual([]);
    } finally {
      if (locker.isTransactionActive) await locker.rollbackTransaction();
      await locker.release();
      await unfollow();
      await other.destroy();
      await db.dataSource.destroy();
    }
  }, 30_000);
});
