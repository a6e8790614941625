import type { ApolloServerPlugin } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { usesPostgres } from '../db/postgres';
import { listenForDataVersion, readDataVersion } from './data-version.store';

/**
 * This process's view of the data version, read from the database once and then kept in memory,
 * so a request normally costs no SQL to know it.
 *
 * Every transaction this process commits or rolls back through TypeORM refreshes the view (the
 * import engine advances the version inside its transaction): one tiny statement, run as part of
 * the commit, so it lands on the writer and not on the next request. A rollback matters too:
 * SQLite here is one connection, so a request running during an import may have read the
 * uncommitted version, and the view must not keep it.
 *
 * Commits by other processes (`npm run import` against a serving database; the other cluster
 * workers, WORKERS > 1, once they write) are not seen that way, so the response cache also
 * `poll`s the row on a timer (RESPONSE_CACHE_POLL_MS): a change reaches it within one interval.
 * Workers can poll `PRAGMA data_version` instead, which SQLite changes on a connection only when
 * another connection committed, and re-read the row only then.
 *
 * On PostgreSQL, where several API processes share one database, the clock also `follow`s the
 * version: a trigger notifies every listening process at commit (LISTEN/NOTIFY), so a write
 * through one process reaches the caches of the others at once rather than at the next poll.
 * Until the listening connection is up, and after it fails, every request reads the row; a LISTEN
 * that fails, at start-up or later, is tried again every RELISTEN_MS while anyone follows. Every
 * API process over PostgreSQL follows while it serves (`followDataVersionPlugin`), whatever its
 * cache settings, since the extract matcher (src/extract/) is keyed by the epoch too.
 */
export class DataVersionClock {
  private epochNow: number | undefined;
  private epochCount = 0;
  private lastVersion: number | undefined;
  private generation = 0;
  private pollers = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private followers = 0;
  private listening: Promise<(() => Promise<void>) | undefined> | undefined;
  /** True while a LISTEN connection tells this clock about every change (PostgreSQL). */
  private followed = false;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * A number that grows each time this process sees the data version change (to any value, so a
   * version seen and then rolled back still moves it on). Caches keep entries for one epoch.
   */
  async epoch(): Promise<number> {
    if (this.epochNow !== undefined && (this.followed || !this.mustFollow)) return this.epochNow;
    const generation = this.generation;
    const version = await readDataVersion(this.dataSource);
    if (generation === this.generation) {
      if (version !== this.lastVersion) {
        this.lastVersion = version;
        this.epochCount++;
      }
      this.epochNow = this.epochCount;
    } else if (this.lastVersion === undefined || version > this.lastVersion) {
      // The view moved while the row was being read (a commit here, or a notification of one
      // elsewhere): the read may be older than what moved it. Versions only grow in the database, so
      // the read may move the view forward but never back. A view a notification set stays current
      // (at the newer version); one a commit here cleared is read again by the next request.
      this.lastVersion = version;
      this.epochCount++;
      if (this.epochNow !== undefined) this.epochNow = this.epochCount;
    }
    return this.epochCount;
  }

  /** The newest data version this process knows of (its last read, or the last notification), without a statement. */
  get knownVersion(): number | undefined {
    return this.lastVersion;
  }

  /** The data version itself (the same number in every process over the database), as of `epoch()`. */
  async version(): Promise<number> {
    await this.epoch();
    return this.lastVersion ?? 0;
  }

  /** Reads the version without making requests wait: the view moves only if it changed. */
  async poll(): Promise<void> {
    const generation = this.generation;
    const version = await readDataVersion(this.dataSource);
    if (generation !== this.generation || version === this.lastVersion) return;
    this.lastVersion = version;
    this.epochNow = ++this.epochCount;
  }

  /**
   * Polls every `ms` until the returned function is called; every caller (the response cache, the
   * HTTP cache) shares one timer. Stopping waits for a poll in progress, so the database can be
   * closed right after without a statement still open on it.
   */
  pollEvery(ms: number): () => Promise<void> {
    this.pollers++;
    this.timer ??= setInterval(() => {
      this.polling ??= this.poll()
        .catch(() => undefined)
        .finally(() => (this.polling = undefined));
    }, ms);
    this.timer.unref();
    let stopped = false;
    return async () => {
      if (stopped) return;
      stopped = true;
      if (--this.pollers === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
      await this.polling;
    };
  }

  /** On PostgreSQL with followers, a version not followed is read on every request. */
  private get mustFollow(): boolean {
    return this.followers > 0;
  }

  /**
   * On PostgreSQL, listens for versions committed by any process until the returned function is
   * called (shared by every caller, like `pollEvery`); elsewhere it does nothing.
   */
  async follow(): Promise<() => Promise<void>> {
    if (!usesPostgres(this.dataSource)) return async () => {};
    this.followers++;
    this.listening ??= this.startListening();
    await this.listening;
    let stopped = false;
    return async () => {
      if (stopped) return;
      stopped = true;
      if (--this.followers > 0) return;
      const stop = await this.listening;
      this.listening = undefined;
      this.followed = false;
      await stop?.();
    };
  }

  private async startListening(): Promise<(() => Promise<void>) | undefined> {
    const changed = () => {
      this.generation++;
      this.epochNow = undefined;
    };
    // A notification carries the version just committed: the view moves to it if it is newer than
    // the one held (this process's own commits have usually moved it already), with no statement,
    // so no request pays for it and none is counted in one. Versions only grow, one commit at a
    // time on the one row, and notifications arrive in commit order. A payload that is not a
    // number (never sent by the trigger) re-reads the row in the background, as a poll does.
    const notified = (payload: string | undefined) => {
      const version = Number(payload);
      if (!Number.isSafeInteger(version)) return void this.poll().catch(changed);
      if (this.lastVersion !== undefined && version <= this.lastVersion) return;
      this.generation++;
      this.lastVersion = version;
      this.epochNow = ++this.epochCount;
    };
    try {
      const stop = await listenForDataVersion(this.dataSource, notified, () => {
        // Lost: read the row on every request until a new connection listens again.
        this.followed = false;
        changed();
        this.listening = undefined;
        this.listenLater();
      });
      // A change committed before LISTEN took effect would be missed: read the row once more.
      changed();
      this.followed = true;
      return stop;
    } catch {
      // Not listening (the server was not reachable at start-up, say): requests read the row until a retry listens.
      this.listening = undefined;
      this.listenLater();
      return undefined;
    }
  }

  /** Tries to listen again in a moment, if anyone still follows by then and no other attempt is under way. */
  private listenLater(): void {
    setTimeout(() => {
      if (this.followers > 0) this.listening ??= this.startListening();
    }, RELISTEN_MS).unref();
  }

  /** Forgets the version and reads it again; if that fails, the next `epoch()` retries. */
  async refresh(): Promise<void> {
    this.generation++;
    this.epochNow = undefined;
    await this.epoch().catch(() => undefined);
  }
}

/** How long a clock whose LISTEN connection failed waits before listening again. */
const RELISTEN_MS = 1_000;

const clocks = new WeakMap<DataSource, DataVersionClock>();

/** The clock of a DataSource, hooked to its transactions on first use (one per DataSource). */
export function dataVersionClock(dataSource: DataSource): DataVersionClock {
  let clock = clocks.get(dataSource);
  if (!clock) {
    const created = new DataVersionClock(dataSource);
    dataSource.subscribers.push({
      afterTransactionCommit: () => created.refresh(),
      afterTransactionRollback: () => created.refresh(),
    });
    clocks.set(dataSource, created);
    clock = created;
  }
  return clock;
}

/**
 * Follows the data version of `dataSource` from server start to stop (on PostgreSQL; on SQLite it
 * does nothing): every epoch-keyed view in the process (the response cache, ETags, the extract
 * matcher) then sees another process's commit as it lands, with or without a cache.
 */
export function followDataVersionPlugin(dataSource: DataSource): ApolloServerPlugin {
  // Not even the clock on SQLite: one hooked to the DataSource re-reads the version after every commit.
  if (!usesPostgres(dataSource)) return {};
  return {
    async serverWillStart() {
      const unfollow = await dataVersionClock(dataSource).follow();
      return { serverWillStop: unfollow };
    },
  };
}

/** The data version each request's replica had replayed, read once per request (the caches both ask). */
const replicaVersions = new WeakMap<object, Promise<number>>();

/**
 * Whether the request's reader (`context.dataSource`) is a PostgreSQL replica
 * (DATABASE_REPLICA_URLS) that had not replayed `version` when asked: an answer it gave may be
 * older than that version, so nothing keyed by the version (a response-cache entry, an ETag) may
 * be kept for it. The replica's version is read once per request.
 */
export async function readerLags(context: { dataSource?: DataSource }, primary: DataSource, version: number): Promise<boolean> {
  const reader = context.dataSource;
  if (!reader || reader === primary || !usesPostgres(reader)) return false;
  let replayed = replicaVersions.get(context);
  if (!replayed) replicaVersions.set(context, (replayed = readDataVersion(reader).catch(() => -1)));
  return (await replayed) !== version;
}
