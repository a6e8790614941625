import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { toGlobalId } from '../src/shared/global-id';
import { DATA_DIR, onetDatabase, syntheticDatabase } from './data';
import { closedLoop, post, type LoadResult } from './load';
import { processMemory } from './proc';

/**
 * `npm run bench [-- --quick] [-- --profile]`: the career-site query set on seeds + O*NET and on
 * the synthetic dataset, p50/p99 at 1 and 10 requests in flight and the server's peak RSS; then the
 * nested list and the role page side by side against bare Node HTTP, an in-memory ceiling and a
 * naive per-parent resolver. Every server runs in its own child process, so the load generator's
 * memory and CPU are not counted as the server's (though on a small machine they share the cores).
 */

const QUICK = process.argv.includes('--quick');
const PROFILE = process.argv.includes('--profile');
/** Per measurement: at most this many requests, or this many seconds. */
const ALONE = QUICK ? { maxRequests: 15, maxSeconds: 0.5 } : { maxRequests: 40, maxSeconds: 1.5 };
const LOADED = QUICK ? { maxRequests: 100, maxSeconds: 1 } : { maxRequests: 400, maxSeconds: 2.5 };
const SIDE = QUICK ? { maxRequests: 2000, maxSeconds: 1 } : { maxRequests: 20000, maxSeconds: 3 };
const WARMUP = QUICK ? 3 : 10;
const IN_FLIGHT = 10;

interface Picks {
  roleA: string;
  roleB: string;
  tools: string[];
}

const LISTS = ['roles', 'skills', 'tools', 'responsibilities', 'categories'] as const;

const nestedQuery = () => `{ roles(first: 20) { nodes { name skills(first: 10) { nodes { name tools(first: 5) { nodes { name } } } } } } }`;
const rolePageQuery = (p: Picks) =>
  `{ role(slug: "${p.roleA}") { name summary skills(first: 20) { edges { importance node { name category { name } } } } tools(first: 20) { edges { importance node { name } } } responsibilities(first: 10) { nodes { name } } } }`;

/** The career-site query set of issue 8, for one dataset's slugs. */
function querySet(p: Picks): Record<string, string> {
  const quoted = (slugs: string[]) => slugs.map((s) => JSON.stringify(s)).join(', ');
  const lists: Record<string, string> = {};
  for (const list of LISTS) {
    lists[`${list}(first: 20)`] = `{ ${list}(first: 20) { nodes { name } } }`;
    lists[`${list}(first: 20) + totalCount`] = `{ ${list}(first: 20) { totalCount nodes { name } } }`;
  }
  lists['sources(first: 20)'] = `{ sources(first: 20) { nodes { title } } }`;
  lists['sources(first: 20) + totalCount'] = `{ sources(first: 20) { totalCount nodes { title } } }`;
  return {
    'role page': rolePageQuery(p),
    ...lists,
    'search "kube" (prefix)': `{ search(query: "kube", first: 10) { totalCount edges { score snippet } } }`,
    'search "pyhton" (typo)': `{ search(query: "pyhton", first: 10) { totalCount edges { score } } }`,
    'search "manage" (broad)': `{ search(query: "manage", first: 20) { totalCount edges { score } } }`,
    matchRoles: `{ matchRoles(tools: [${quoted(p.tools)}], first: 10) { totalCount edges { score node { name } } } }`,
    'skillGap role → role': `{ skillGap(from: "${p.roleA}", to: "${p.roleB}") { coverage missingEssentialTools { tool { name } } } }`,
    'skillGap person → role': `{ skillGap(have: [${quoted(p.tools.slice(0, 3))}], to: "${p.roleA}") { coverage missingEssentialSkills { skill { name } } } }`,
    relatedRoles: `{ role(slug: "${p.roleA}") { relatedRoles(first: 10) { edges { score sharedTools { tool { name } } node { name } } } } }`,
    'skillGraph depth 2': `{ skillGraph(root: "${toGlobalId('Role', p.roleA)}", depth: 2, maxNodes: 200) { truncated nodes { id label } edges { source target } } }`,
    'roles(20).skills(10).tools(5)': nestedQuery(),
  };
}

/** A server under test in a child process, with its memory read from /proc. */
class ServerChild {
  private constructor(
    readonly kind: string,
    readonly process: ChildProcess,
    readonly url: string,
  ) {}

  static async start(kind: string, file: string, nodeArgs: string[] = []): Promise<ServerChild> {
    const child = spawn(
      process.execPath,
      [...nodeArgs, join(__dirname, kind === 'bare' ? 'bare-server.js' : 'server-child.js'), kind, file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: child.stdout! });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the ${kind} server exited with code ${code} before listening`)));
      lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    });
    child.removeAllListeners('exit');
    const path = kind === 'atlas' ? '/graphql' : '/';
    return new ServerChild(kind, child, `http://127.0.0.1:${port}${path}`);
  }

  /** VmRSS (now) and VmHWM (the peak since start), in MB. */
  memory(): { rss: number; peak: number } {
    return processMemory(this.process.pid!);
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.process.kill('SIGTERM');
    await exited;
  }
}

/** Samples a child's RSS every 100 ms, for the peak while a phase runs (VmHWM gives the all-time peak). */
function sampleRss(child: ServerChild): () => number {
  let peak = child.memory().rss;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, child.memory().rss);
    } catch {
      // The child has exited; the last sample stands.
    }
  }, 100);
  return () => {
    clearInterval(timer);
    return Math.max(peak, child.memory().rss);
  };
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Sends a query once and returns the answer's bytes, or the error codes when it failed. */
async function answer(url: string, query: string): Promise<{ text: string; error?: string }> {
  const agent = new Agent({ keepAlive: false });
  const { status, text } = await post(agent, new URL(url), JSON.stringify({ query }));
  let errors: { extensions?: { code?: string }; message?: string }[] | undefined;
  try {
    errors = (JSON.parse(text) as { errors?: typeof errors }).errors;
  } catch {
    return { text, error: `HTTP ${status}, not JSON` };
  }
  if (errors?.length || status !== 200) {
    const first = errors?.[0];
    return { text, error: `${first?.extensions?.code ?? `HTTP ${status}`}: ${first?.message ?? ''}`.slice(0, 120) };
  }
  return { text };
}

async function measure(url: string, query: string, concurrency: number, limits: { maxRequests: number; maxSeconds: number }) {
  const body = JSON.stringify({ query });
  await closedLoop({ url, body, concurrency, maxRequests: WARMUP, maxSeconds: 60 });
  return closedLoop({ url, body, concurrency, ...limits });
}

interface QueryRow {
  name: string;
  alone?: LoadResult;
  loaded?: LoadResult;
  error?: string;
}

async function runQuerySet(label: string, atlas: ServerChild, picks: Picks): Promise<QueryRow[]> {
  const idle = atlas.memory().rss;
  const stopSampling = sampleRss(atlas);
  const rows: QueryRow[] = [];
  console.log(`\n## ${label}: career-site queries (p50/p99 in ms; alone = 1 in flight, loaded = ${IN_FLIGHT} in flight)\n`);
  console.log(`| query | alone p50 | alone p99 | loaded p50 | loaded p99 | loaded req/s |`);
  console.log(`|---|---:|---:|---:|---:|---:|`);
  for (const [name, query] of Object.entries(querySet(picks))) {
    const first = await answer(atlas.url, query);
    if (first.error) {
      rows.push({ name, error: first.error });
      console.log(`| ${name} | error: ${first.error} | | | | |`);
      continue;
    }
    const alone = await measure(atlas.url, query, 1, ALONE);
    const loaded = await measure(atlas.url, query, IN_FLIGHT, LOADED);
    rows.push({ name, alone, loaded });
    console.log(
      `| ${name} | ${ms(alone.p50)} | ${ms(alone.p99)} | ${ms(loaded.p50)} | ${ms(loaded.p99)} | ${loaded.throughput.toFixed(0)} |`,
    );
  }
  const sampled = stopSampling();
  const { peak } = atlas.memory();
  console.log(`\nServer RSS: ${idle.toFixed(0)} MB at start, ${sampled.toFixed(0)} MB sampled peak, VmHWM ${peak.toFixed(0)} MB.`);
  const measured = rows.filter((r) => r.loaded);
  const slowest = measured.reduce((a, b) => (b.loaded!.p99 > a.loaded!.p99 ? b : a), measured[0]);
  const over = measured.filter((r) => r.loaded!.p99 >= 50).length;
  if (slowest) {
    console.log(
      `Slowest at ${IN_FLIGHT} in flight: ${slowest.name} (p99 ${ms(slowest.loaded!.p99)} ms); ${over} of ${measured.length} queries at or over the 50 ms p99 goal.`,
    );
  }
  return rows;
}

interface SideRow {
  system: string;
  result: LoadResult;
  peak: number;
}

const SYSTEMS = [
  ['bare', 'bare Node HTTP (same bytes)'],
  ['ceiling', 'in-memory Apollo + type-graphql'],
  ['naive', 'naive per-parent TypeORM'],
  ['atlas', 'Skill Atlas'],
] as const;

async function sideBySide(label: string, file: string, atlas: ServerChild, picks: Picks): Promise<void> {
  const queries = { 'nested roles(20).skills(10).tools(5)': nestedQuery(), 'role page': rolePageQuery(picks) };
  const answers: Record<string, string> = {};
  for (const query of Object.values(queries)) {
    const got = await answer(atlas.url, query);
    if (got.error) throw new Error(`Skill Atlas failed the side-by-side query: ${got.error}`);
    answers[JSON.stringify({ query })] = got.text;
  }
  const answersFile = join(DATA_DIR, 'bare-answers.json');
  writeFileSync(answersFile, JSON.stringify(answers));
  const servers: Record<string, ServerChild> = { atlas };
  for (const [kind] of SYSTEMS) if (kind !== 'atlas') servers[kind] = await ServerChild.start(kind, kind === 'bare' ? answersFile : file);

  console.log(`\n## ${label}: side by side, ${IN_FLIGHT} in flight (PostGraphile is out of scope for this run)\n`);
  const checks: string[] = [];
  for (const query of Object.values(queries)) {
    for (const [kind, name] of SYSTEMS) {
      const got = await answer(servers[kind].url, query);
      if (got.text !== answers[JSON.stringify({ query })])
        checks.push(`${name} differs (${got.error ?? `${got.text.length} vs ${answers[JSON.stringify({ query })].length} bytes`})`);
    }
  }
  console.log(
    checks.length ? `Answer bytes NOT identical: ${checks.join('; ')}\n` : 'Answer bytes identical across all four systems (checked).\n',
  );
  console.log(`| query | system | p50 ms | p99 ms | req/s | vs ceiling | vs naive | vs bare HTTP | server peak RSS |`);
  console.log(`|---|---|---:|---:|---:|---:|---:|---:|---:|`);
  for (const [queryName, query] of Object.entries(queries)) {
    const rows: SideRow[] = [];
    for (const [kind, system] of SYSTEMS) {
      const result = await measure(servers[kind].url, query, IN_FLIGHT, SIDE);
      rows.push({ system, result, peak: servers[kind].memory().peak });
    }
    const tp = (i: number) => rows[i].result.throughput;
    for (const row of rows) {
      const r = row.result;
      const ratio = (ref: number) => `${((r.throughput / ref) * 100).toFixed(r.throughput / ref < 0.1 ? 1 : 0)} %`;
      console.log(
        `| ${queryName} | ${row.system === 'Skill Atlas' ? '**Skill Atlas**' : row.system} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.throughput.toFixed(0)} | ${ratio(tp(1))} | ${ratio(tp(2))} | ${ratio(tp(0))} | ${row.peak.toFixed(0)} MB |`,
      );
    }
  }
  for (const [kind] of SYSTEMS) if (kind !== 'atlas') await servers[kind].stop();
}

async function runDataset(label: string, file: string, picks: Picks): Promise<void> {
  const nodeArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(DATA_DIR, 'profiles')}`] : [];
  const atlas = await ServerChild.start('atlas', file, nodeArgs);
  await runQuerySet(label, atlas, picks);
  await sideBySide(label, file, atlas, picks);
  await atlas.stop();
}

async function main(): Promise<void> {
  const started = performance.now();
  const log = (line: string) => console.error(line);
  const onet = await onetDatabase(log);
  const synthetic = await syntheticDatabase(log);
  console.log(`# Skill Atlas benchmark${QUICK ? ' (quick run)' : ''}`);
  console.log(
    `\nMachine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), node ${process.version}. The load generator runs on the same machine.`,
  );
  await runDataset('Seeds + O*NET 29.3', onet, {
    roleA: 'software-developers',
    roleB: 'database-administrators',
    tools: ['python', 'postgresql', 'docker', 'rest'],
  });
  await runDataset('Synthetic (3× O*NET)', synthetic.path, synthetic.picks);
  console.log(
    `\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s.${PROFILE ? ` CPU profiles in ${join(DATA_DIR, 'profiles')}.` : ''}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
