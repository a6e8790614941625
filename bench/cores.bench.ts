import { spawn, type ChildProcess } from 'node:child_process';
import { Agent } from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../src/shared/project-root';
import { onetDatabase } from './data';
import { closedLoop, post, type LoadResult } from './load';
import { childPids, processCpu, processMemory } from './proc';

/**
 * `npm run bench:cores [-- --rounds N] [-- --quick]`: how best to use the cores. The real server
 * (`node dist/src/main.js`, as `npm start` runs it) on seeds + O*NET, once per configuration: one
 * process on one connection, one process reading through a pool of connections, cluster workers,
 * and workers with pools. Each serves a few career-site queries with 10 requests in flight; the
 * table gives p50/p99 and throughput, the server's CPU time per request (on the main threads,
 * where JavaScript runs, and on the other threads, where SQLite runs) and how many cores it kept
 * busy, and the memory of every process of the server (the primary and its workers), alone and
 * summed, sampled every 100 ms.
 *
 * The CPU figures hold on a busy machine, where latencies do not: one process cannot go faster
 * than its main thread's time per request allows, whatever the pool, and only more processes lift
 * that bound.
 *
 * With several rounds the configurations take turns (round 1 runs each, then round 2…), so a burst
 * of load from elsewhere on a shared machine hurts them alike; the table shows medians.
 */

const QUICK = process.argv.includes('--quick');
const ROUNDS = Number(argValue('--rounds') ?? 1);
const LIMITS = QUICK ? { maxRequests: 150, maxSeconds: 1 } : { maxRequests: 600, maxSeconds: 3 };
const WARMUP = 10;
const IN_FLIGHT = 10;

const CONFIGURATIONS: { name: string; env: Record<string, string> }[] = [
  { name: 'WORKERS=1', env: { WORKERS: '1', READ_CONNECTIONS: '1' } },
  { name: 'WORKERS=1 READ_CONNECTIONS=2', env: { WORKERS: '1', READ_CONNECTIONS: '2' } },
  { name: 'WORKERS=1 READ_CONNECTIONS=4', env: { WORKERS: '1', READ_CONNECTIONS: '4' } },
  { name: 'WORKERS=2', env: { WORKERS: '2', READ_CONNECTIONS: '1' } },
  { name: 'WORKERS=2 READ_CONNECTIONS=2', env: { WORKERS: '2', READ_CONNECTIONS: '2' } },
];

/** A few career-site queries of the main bench (bench/run.bench.ts), on O*NET's slugs. */
const QUERIES: Record<string, string> = {
  'role page': `{ role(slug: "software-developers") { name summary skills(first: 20) { edges { importance node { name category { name } } } } tools(first: 20) { edges { importance node { name } } } responsibilities(first: 10) { nodes { name } } } }`,
  'roles(20).skills(10).tools(5)': `{ roles(first: 20) { nodes { name skills(first: 10) { nodes { name tools(first: 5) { nodes { name } } } } } } }`,
  'tools(first: 20) + totalCount': `{ tools(first: 20) { totalCount nodes { name } } }`,
  'search "manage"': `{ search(query: "manage", first: 20) { totalCount edges { score } } }`,
  matchRoles: `{ matchRoles(tools: ["python", "postgresql", "docker", "rest"], first: 10) { totalCount edges { score node { name } } } }`,
  relatedRoles: `{ role(slug: "software-developers") { relatedRoles(first: 10) { edges { score sharedTools { tool { name } } node { name } } } } }`,
};

function argValue(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The memory of a server's processes: the largest one, and all of them together, in MB. */
interface Memory {
  processes: number;
  largest: number;
  total: number;
}

/** `npm start`'s process tree over `database`, with its memory sampled until `stop`. */
class RunningServer {
  private memory: Memory = { processes: 0, largest: 0, total: 0 };
  private readonly sampler: NodeJS.Timeout;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    this.sample();
    this.sampler = setInterval(() => this.sample(), 100);
  }

  static async start(database: string, env: Record<string, string>): Promise<RunningServer> {
    const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'src', 'main.js')], {
      cwd: projectRoot(),
      env: {
        NODE_ENV: 'production',
        ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0',
        ...process.env,
        ...env,
        DATABASE_PATH: database,
        PORT: '0',
        RESPONSE_CACHE_BYTES: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the server exited with code ${code} before serving`)));
      lines.on('line', (line) => {
        const served = /serving GraphQL at (\S+?)\/graphql/.exec(line);
        if (served) resolve(`${served[1].replace('localhost', '127.0.0.1')}/graphql`);
      });
    });
    child.removeAllListeners('exit');
    return new RunningServer(child, url);
  }

  /** CPU time so far of every process of the server, in ms. */
  cpu(): { main: number; other: number } {
    const total = { main: 0, other: 0 };
    for (const pid of [this.child.pid!, ...childPids(this.child.pid!)]) {
      const { main, other } = processCpu(pid);
      total.main += main;
      total.other += other;
    }
    return total;
  }

  /** The peaks since the last call, and starts over. */
  takeMemory(): Memory {
    this.sample();
    const peak = this.memory;
    this.memory = { processes: 0, largest: 0, total: 0 };
    return peak;
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) throw new Error(`the server exited with code ${code} on SIGTERM`);
  }

  private sample(): void {
    try {
      const pids = [this.child.pid!, ...childPids(this.child.pid!)];
      const rss = pids.map((pid) => processMemory(pid).rss);
      this.memory = {
        processes: Math.max(this.memory.processes, pids.length),
        largest: Math.max(this.memory.largest, ...rss),
        total: Math.max(
          this.memory.total,
          rss.reduce((a, b) => a + b, 0),
        ),
      };
    } catch {
      // A process exited between listing and reading; the next sample counts again.
    }
  }
}

/** The answer's bytes; fails on GraphQL errors, so every configuration is measured answering. */
async function answer(url: string, query: string): Promise<string> {
  const { status, text } = await post(new Agent({ keepAlive: false }), new URL(url), JSON.stringify({ query }));
  const errors = (JSON.parse(text) as { errors?: unknown[] }).errors;
  if (status !== 200 || errors?.length) throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
  return text;
}

/** One measurement: the load, and the server's CPU ms per request on main and other threads. */
interface Run {
  load: LoadResult;
  mainMs: number;
  otherMs: number;
  /** CPU time over wall time: how many cores the server kept busy. */
  cores: number;
}

interface Row {
  runs: Run[];
  memory: Memory[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

async function main(): Promise<void> {
  const database = await onetDatabase((line) => console.error(line));
  const rows = new Map<string, Row>();
  const idle = new Map<string, Memory[]>();
  const expected = new Map<string, string>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const configuration of CONFIGURATIONS) {
      console.error(`round ${round}/${ROUNDS}: ${configuration.name}`);
      const server = await RunningServer.start(database, configuration.env);
      idle.set(configuration.name, [...(idle.get(configuration.name) ?? []), server.takeMemory()]);
      for (const [name, query] of Object.entries(QUERIES)) {
        const text = await answer(server.url, query);
        if (expected.has(name) && expected.get(name) !== text) throw new Error(`${configuration.name} answered ${name} differently`);
        expected.set(name, text);
        const body = JSON.stringify({ query });
        await closedLoop({ url: server.url, body, concurrency: IN_FLIGHT, maxRequests: WARMUP, maxSeconds: 60 });
        server.takeMemory();
        const before = server.cpu();
        const load = await closedLoop({ url: server.url, body, concurrency: IN_FLIGHT, ...LIMITS });
        const after = server.cpu();
        const wallMs = (load.requests / load.throughput) * 1000;
        const run = {
          load,
          mainMs: (after.main - before.main) / load.requests,
          otherMs: (after.other - before.other) / load.requests,
          cores: (after.main - before.main + after.other - before.other) / wallMs,
        };
        const key = `${configuration.name}\n${name}`;
        const row = rows.get(key) ?? { runs: [], memory: [] };
        row.runs.push(run);
        row.memory.push(server.takeMemory());
        rows.set(key, row);
      }
      await server.stop();
    }
  }

  console.log(`# Using the cores${QUICK ? ' (quick run)' : ''}`);
  console.log(
    `\nMachine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), node ${process.version}; seeds + O*NET 29.3; ${IN_FLIGHT} requests in flight; ` +
      `${ROUNDS} round${ROUNDS === 1 ? '' : 's'}${ROUNDS > 1 ? ' (medians)' : ''}. The load generator runs on the same machine. Answers identical across configurations (checked).\n`,
  );
  const names = Object.keys(QUERIES);
  console.log(
    `| query | configuration | p50 ms | p99 ms | req/s | vs WORKERS=1 | CPU ms per request: main threads + other threads | cores busy |`,
  );
  console.log(`|---|---|---:|---:|---:|---:|---:|---:|`);
  for (const name of names) {
    const runsOf = (c: (typeof CONFIGURATIONS)[number]) => rows.get(`${c.name}\n${name}`)!.runs;
    const base = median(runsOf(CONFIGURATIONS[0]).map((r) => r.load.throughput));
    for (const c of CONFIGURATIONS) {
      const runs = runsOf(c);
      const of = (pick: (r: Run) => number) => median(runs.map(pick));
      const throughput = of((r) => r.load.throughput);
      console.log(
        `| ${name} | ${c.name} | ${ms(of((r) => r.load.p50))} | ${ms(of((r) => r.load.p99))} | ${throughput.toFixed(0)} | ${((throughput / base) * 100).toFixed(0)} % | ${ms(of((r) => r.mainMs))} + ${ms(of((r) => r.otherMs))} | ${of((r) => r.cores).toFixed(2)} |`,
      );
    }
  }
  console.log(`\nMemory (RSS in MB; "total" sums the primary and every worker at the same instant; peaks over the rounds):\n`);
  console.log(`| configuration | processes | idle: largest / total | under load: largest process | under load: total |`);
  console.log(`|---|---:|---:|---:|---:|`);
  for (const c of CONFIGURATIONS) {
    const start = idle.get(c.name)!;
    const loaded = names.flatMap((name) => rows.get(`${c.name}\n${name}`)!.memory);
    const max = (values: number[]) => Math.max(...values).toFixed(0);
    console.log(
      `| ${c.name} | ${Math.max(...loaded.map((m) => m.processes))} | ${max(start.map((m) => m.largest))} / ${max(start.map((m) => m.total))} | ${max(loaded.map((m) => m.largest))} | ${max(loaded.map((m) => m.total))} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
