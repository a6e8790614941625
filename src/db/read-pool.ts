import type { DataSource, Logger } from 'typeorm';
import type { DatabaseConfig } from '../../ormconfig';
import { connectDatabase } from '../database';

/**
 * Several connections to one database file inside one process. node-sqlite3 runs each
 * connection's statements on the libuv thread pool, one at a time per connection, so two requests
 * whose statements land on different connections run their SQL at the same time; the JavaScript
 * around it (GraphQL execution, building result rows) still runs on the one main thread.
 *
 * Each request takes the next connection in turn and keeps it to the end, so every statement of
 * one request reads through one connection.
 */
export class ReadPool {
  private turn = 0;

  private constructor(
    private readonly connections: DataSource[],
    /** The connections before this index are not the pool's own (the primary): `close` leaves them open. */
    private readonly ownedFrom: number,
  ) {}

  /** `primary` plus `size - 1` more connections to the same (already migrated) file, logged to `logger` if given. */
  static async open(primary: DataSource, config: DatabaseConfig, size: number, logger?: Logger): Promise<ReadPool> {
    const more = await Promise.all(Array.from({ length: Math.max(0, size - 1) }, () => connectDatabase(config, logger)));
    return new ReadPool([primary, ...more], 1);
  }

  /**
   * One DataSource per PostgreSQL streaming replica (DATABASE_REPLICA_URLS), taken in turn: reads go
   * there and writes to the primary (the context's `writer`). A replica is read-only and already
   * has the schema, which reaches it from the primary: no migrations run on it.
   */
  static async replicas(config: DatabaseConfig, urls: readonly string[], logger?: Logger): Promise<ReadPool> {
    const connections = await Promise.all(urls.map((url) => connectDatabase({ ...config, databaseUrl: url }, logger)));
    return new ReadPool(connections, 0);
  }

  get size(): number {
    return this.connections.length;
  }

  /** The connection for the next request. */
  next(): DataSource {
    const connection = this.connections[this.turn];
    this.turn = (this.turn + 1) % this.connections.length;
    return connection;
  }

  /** Closes the connections this pool opened (not the primary). */
  async close(): Promise<void> {
    await Promise.all(this.connections.slice(this.ownedFrom).map((c) => c.destroy()));
  }
}
