import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type ClientConfig } from 'pg';

/**
 * A throw-away PostgreSQL cluster (for the PostgreSQL test runs, CI and the PostGraphile comparison): initdb into a temporary folder,
 * a server that listens only on a Unix socket in that folder, and removal of the folder when it
 * stops. PostgreSQL refuses to run as root, so when the bench runs as root the server binaries run
 * as `nobody` through `setpriv` (util-linux; it execs, so the child is `postgres` itself and gets
 * our signals); as any other user they run as that user.
 */

/** Where Debian and Ubuntu install the server binaries, one folder per major version. */
const PG_ROOT = '/usr/lib/postgresql';

/** The newest PostgreSQL major version's bin folder that has initdb and postgres, or why there is none. */
export function findPostgres(): { bin: string } | { missing: string } {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = join(PG_ROOT, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return { bin };
  }
  return { missing: `no PostgreSQL server binaries (initdb, postgres) under ${PG_ROOT}/<version>/bin` };
}

/** The command prefix and owner for the server: `nobody` via setpriv when we are root, ourselves otherwise. */
function serverUser(): { prefix: string[]; uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  const uid = id('-u');
  const gid = id('-g');
  return { prefix: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'], uid, gid };
}

const PORT = 5432;

export class PostgresCluster {
  private constructor(
    readonly dir: string,
    private readonly server: ChildProcess,
    private readonly exited: Promise<void>,
  ) {}

  /** initdb (C locale, so `lower()` folds ASCII only, like SQLite's NOCASE) and start the server. */
  static async start(bin: string, log: (line: string) => void): Promise<PostgresCluster> {
    const user = serverUser();
    const dir = mkdtempSync(join(tmpdir(), 'skill-atlas-pg-'));
    if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
    const data = join(dir, 'data');
    const run = (command: string, args: string[]) => [...user.prefix, join(bin, command), ...args];
    try {
      const [initCommand, ...initArgs] = run('initdb', [
        '-D',
        data,
        '--locale=C',
        '--encoding=UTF8',
        '--auth=trust',
        '--username=postgres',
        '--no-sync',
      ]);
      execFileSync(initCommand, initArgs, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return PostgresCluster.serve(bin, user, dir, data, log, 'PostgreSQL cluster');
  }

  /**
   * A streaming replica of the cluster whose Unix socket is in `primaryHost` (its folder): a base
   * backup taken with `pg_basebackup -R` (which writes the standby settings), served in a folder of
   * its own as a hot standby that replays the primary's WAL as it streams. The physical replication
   * slot `slot`, created on the primary, keeps the WAL it still needs (drop it once the replica has
   * stopped: `pg_drop_replication_slot`).
   */
  static async replicaOf(bin: string, primaryHost: string, slot: string, log: (line: string) => void): Promise<PostgresCluster> {
    const user = serverUser();
    const dir = mkdtempSync(join(tmpdir(), 'skill-atlas-pg-replica-'));
    if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
    const data = join(dir, 'data');
    const [command, ...args] = [
      ...user.prefix,
      join(bin, 'pg_basebackup'),
      ...['-h', primaryHost, '-p', String(PORT), '-U', 'postgres', '-D', data, '-R', '-X', 'stream', '-C', '-S', slot, '--no-sync'],
    ];
    try {
      execFileSync(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return PostgresCluster.serve(bin, user, dir, data, log, 'PostgreSQL streaming replica');
  }

  /** Starts the server on the cluster in `data`, listening on a Unix socket in `dir` only. */
  private static async serve(
    bin: string,
    user: ReturnType<typeof serverUser>,
    dir: string,
    data: string,
    log: (line: string) => void,
    what: string,
  ): Promise<PostgresCluster> {
    const run = (command: string, args: string[]) => [...user.prefix, join(bin, command), ...args];
    // Durability is irrelevant for a cluster that lives for one run: fsync and the rest only speed
    // up the load. random_page_cost 1.1 is the usual setting for SSDs and data in memory (the
    // default 4 assumes spinning disks and makes the planner hash-join whole tables for a role's
    // 48 skills on the synthetic dataset, 3 ms instead of 0.7 ms).
    const [command, ...args] = run('postgres', [
      '-D',
      data,
      '-k',
      dir,
      '-p',
      String(PORT),
      '-c',
      'listen_addresses=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'random_page_cost=1.1',
    ]);
    const server = spawn(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    const cluster = new PostgresCluster(dir, server, exited);
    let output = '';
    server.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000)));
    try {
      await cluster.waitUntilReady(() => output);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    log(`${what} in ${dir}${user.uid !== undefined ? ' (run as nobody)' : ''}`);
    return cluster;
  }

  /** A DATABASE_URL for one database of the cluster (over its Unix socket). */
  url(database = 'postgres'): string {
    return `postgres://postgres@localhost/${database}?host=${encodeURIComponent(this.dir)}`;
  }

  /** Connection settings for one database of the cluster (over its Unix socket). */
  config(database = 'postgres'): ClientConfig {
    return { host: this.dir, port: PORT, user: 'postgres', database };
  }

  private async waitUntilReady(output: () => string): Promise<void> {
    const deadline = Date.now() + 30_000;
    let serverGone = false;
    void this.exited.then(() => (serverGone = true));
    for (;;) {
      if (serverGone) throw new Error(`PostgreSQL exited while starting:\n${output()}`);
      const client = new Client(this.config());
      try {
        await client.connect();
        await client.end();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within 30 s: ${String(error)}\n${output()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  /** Runs statements on one database, on a connection of its own. */
  async withClient<T>(database: string, work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client(this.config(database));
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  /** The server's version, such as 15.18. */
  async serverVersion(): Promise<string> {
    const { rows } = await this.withClient('postgres', (client) => client.query<{ server_version: string }>('SHOW server_version'));
    return rows[0].server_version.split(' ')[0];
  }

  /** Fast shutdown (SIGINT), then the folder goes. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.server.exitCode === null && this.server.signalCode === null) {
      this.server.kill('SIGINT');
      const timeout = setTimeout(() => this.server.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timeout);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * The memory of the server and its backends, in MB: their proportional set sizes summed, so the
   * shared buffers they all map count once.
   */
  memory(): number {
    const pids = [this.server.pid!];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ')'.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === this.server.pid) pids.push(Number(entry));
      } catch {
        // The process has just exited.
      }
    }
    let kb = 0;
    for (const pid of pids) {
      try {
        kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      } catch {
        // The process has just exited.
      }
    }
    return kb / 1024;
  }

  /** For process 'exit', where nothing asynchronous runs: kill the server and remove what can be removed. */
  stopNow(): void {
    if (this.server.exitCode === null && this.server.signalCode === null) this.server.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Runs `command` with TEST_DATABASE_URL pointing at a throw-away cluster, then stops the cluster and
 * exits with the command's code: how CI runs the suites on PostgreSQL (.ci/run), and how to run
 * them locally without a server of one's own:
 * `node -e 'require("./dist/test/helpers/postgres-cluster").runWithPostgres(process.argv.slice(1))' npx jest …`.
 * Without the server binaries it fails: a run that asks for PostgreSQL never quietly runs without it.
 */
export async function runWithPostgres(command: readonly string[]): Promise<void> {
  const found = findPostgres();
  if ('missing' in found) {
    console.error(`Failed: ${found.missing} (install PostgreSQL, e.g. apt-get install postgresql)`);
    process.exit(1);
  }
  const cluster = await PostgresCluster.start(found.bin, (line) => console.log(line));
  process.once('exit', () => cluster.stopNow());
  const url = cluster.url();
  const [program, ...args] = command;
  const child = spawn(program, args, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url } });
  const code = await new Promise<number>((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  await cluster.stop();
  process.exit(code);
}
