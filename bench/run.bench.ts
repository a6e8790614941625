import { readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { toGlobalId } from '../src/shared/global-id';
import { openDatabase } from '../src/database';
import { importOnet } from '../src/onet/onet.import';
import { seed } from '../src/seed';
import { projectRoot } from '../src/shared/project-root';
import { DATA_DIR, ONET_DIR, onetDatabase, syntheticDatabase } from './data';
import { closedLoop, post, type LoadResult } from './load';
import { running, ServerChild } from './server-process';
import { findPostgres, PostgresCluster } from '../test/helpers/postgres-cluster';
import { copyToPostgres } from './postgres-copy';

/**
 * `npm run bench [-- --quick] [-- --profile]`: the career-site query set on seeds + O*NET and on
 * the synthetic dataset, p50/p99 at 1 and 10 requests in flight and the server's peak RSS; then the
 * nested list and the role page side by side against bare Node HTTP, an in-memory ceiling and a
 * naive per-parent resolver, and against PostGraphile over a throw-away PostgreSQL cluster that
 * holds a copy of the same tables (skipped, with the reason, when PostgreSQL is not installed).
 * Every server runs in its own child process, so the load generator's memory and CPU are not
 * counted as the server's (though on a small machine they share the cores).
 *
 * `npm run bench -- --postgres [--quick] [--only <text>]`: instead, seeds + O*NET imported into a
 * throw-away PostgreSQL cluster (the import's time reported), and the query set at 10 in flight
 * through one API process and then through two side by side over the same database (the load
 * split between them, as a balancer would), each without its response cache: req/s, p50/p99 and
 * the processes' RSS.
 */

const QUICK = process.argv.includes('--quick');
const PROFILE = process.argv.includes('--profile');
/** `--only <text>`: just the queries of the set whose name contains it, without the side-by-side comparison. */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
/** `--side-by-side`: only the comparison of the two queries with the other systems, not the query set. */
const SIDE_ONLY = process.argv.includes('--side-by-side');
/** `--postgres`: the query set on PostgreSQL instead (seeds + O*NET in a throw-away cluster), one and two API processes. */
const POSTGRES = process.argv.includes('--postgres');
/** Per measurement: at most this many requests, or this many seconds. */
const ALONE = QUICK ? { maxRequests: 15, maxSeconds: 0.5 } : { maxRequests: 40, maxSeconds: 1.5 };
const LOADED = QUICK ? { maxRequests: 100, maxSeconds: 1 } : { maxRequests: 400, maxSeconds: 2.5 };
const SIDE = QUICK ? { maxRequests: 2000, maxSeconds: 1 } : { maxRequests: 20000, maxSeconds: 3 };
const WARMUP = QUICK ? 3 : 10;
const IN_FLIGHT = 10;

export interface Picks {
  roleA: string;
  roleB: string;
  tools: string[];
}

const LISTS = ['roles', 'skills', 'tools', 'responsibilities', 'categories'] as const;

const nestedQuery = () => `{ roles(first: 20) { nodes { name skills(first: 10) { nodes { name tools(first: 5) { nodes { name } } } } } } }`;
const rolePageQuery = (p: Picks) =>
  `{ role(slug: "${p.roleA}") { name summary skills(first: 20) { edges { importance node { name category { name } } } } tools(first: 20) { edges { importance node { name } } } responsibilities(first: 10) { nodes { name } } } }`;

/**
 * The same two queries in PostGraphile's shape: its field names, aliased to ours so the answer's
 * `data` is the same JSON, and Skill Atlas's order (name case-insensitively, then id) through the
 * `sort_name` computed column (bench/postgres-copy.ts). PostGraphile's default order is the id.
 */
const pgOrder = 'orderBy: [SORT_NAME_ASC, ID_ASC]';
const postgraphileNestedQuery = () =>
  `{ roles: roles(first: 20, ${pgOrder}) { nodes { name skills: skillsByRoleSkillRoleIdAndSkillId(first: 10, ${pgOrder}) { nodes { name tools: toolsBySkillToolSkillIdAndToolId(first: 5, ${pgOrder}) { nodes { name } } } } } } }`;
const postgraphileRolePageQuery = (p: Picks) =>
  `{ role: roleBySlug(slug: "${p.roleA}") { name summary skills: skillsByRoleSkillRoleIdAndSkillId(first: 20, ${pgOrder}) { edges { importance node { name category { name } } } } tools: toolsByRoleToolRoleIdAndToolId(first: 20, ${pgOrder}) { edges { importance node { name } } } responsibilities: responsibilitiesByRoleResponsibilityRoleIdAndResponsibilityId(first: 10, ${pgOrder}) { nodes { name } } } }`;

/** The career-site query set of issue 8, for one dataset's slugs (test/cost-limits.test.ts prices it). */
export function querySet(p: Picks): Record<string, string> {
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
    // Near the cost limit (9,262 of 10,000 by the price registry): 8,420 objects, for the memory goal.
    'heaviest allowed: roles(20).skills(20).roles(20)': `{ roles(first: 20) { nodes { name skills(first: 20) { nodes { name roles(first: 20) { nodes { name } } } } } } }`,
  };
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

async function measure(
  url: string | readonly string[],
  query: string,
  concurrency: number,
  limits: { maxRequests: number; maxSeconds: number },
) {
  const body = JSON.stringify({ query });
  await closedLoop({ url, body, concurrency, maxRequests: WARMUP, maxSeconds: 60 });
  return closedLoop({ url, body, concurrency, ...limits });
}

interface QueryRow {
  name: string;
  alone?: LoadResult;
  loaded?: LoadResult;
  /** The server's sampled RSS peak while this query ran, in MB. */
  rss?: number;
  error?: string;
}

async function runQuerySet(label: string, atlas: ServerChild, picks: Picks): Promise<QueryRow[]> {
  const idle = atlas.memory().rss;
  const stopSampling = sampleRss(atlas);
  const rows: QueryRow[] = [];
  console.log(`\n## ${label}: career-site queries (p50/p99 in ms; alone = 1 in flight, loaded = ${IN_FLIGHT} in flight)\n`);
  console.log(`| query | alone p50 | alone p99 | loaded p50 | loaded p99 | loaded req/s | RSS peak MB |`);
  console.log(`|---|---:|---:|---:|---:|---:|---:|`);
  for (const [name, query] of Object.entries(querySet(picks))) {
    if (ONLY !== undefined && !name.includes(ONLY)) continue;
    const first = await answer(atlas.url, query);
    if (first.error) {
      rows.push({ name, error: first.error });
      console.log(`| ${name} | error: ${first.error} | | | | | |`);
      continue;
    }
    const stopQuerySampling = sampleRss(atlas);
    const alone = await measure(atlas.url, query, 1, ALONE);
    const loaded = await measure(atlas.url, query, IN_FLIGHT, LOADED);
    const rss = stopQuerySampling();
    rows.push({ name, alone, loaded, rss });
    console.log(
      `| ${name} | ${ms(alone.p50)} | ${ms(alone.p99)} | ${ms(loaded.p50)} | ${ms(loaded.p99)} | ${loaded.throughput.toFixed(0)} | ${rss.toFixed(0)} |`,
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
  kind: string;
  system: string;
  result: LoadResult;
  peak: string;
}

const SYSTEMS = [
  ['bare', 'bare Node HTTP (same bytes)'],
  ['ceiling', 'in-memory Apollo + type-graphql'],
  ['naive', 'naive per-parent TypeORM'],
  ['postgraphile', 'PostGraphile on PostgreSQL'],
  ['atlas', 'Skill Atlas'],
  ['atlas-cached', 'Skill Atlas, repeated (response cache)'],
] as const;

/** Throughput ratios against these systems, in this order, as the table's last columns but one. */
const REFERENCES = [
  ['ceiling', 'vs ceiling'],
  ['naive', 'vs naive'],
  ['bare', 'vs bare HTTP'],
  ['postgraphile', 'vs PostGraphile'],
] as const;

/** PostGraphile's side of a dataset: its database on the cluster, or why it is not in the run. */
type PostGraphileSide = { cluster: PostgresCluster; database: string } | { skipped: string };

/** The `data` of an answer as JSON text (PostGraphile's answer has no `extensions`, so bytes cannot match). */
const dataOf = (text: string) => JSON.stringify((JSON.parse(text) as { data?: unknown }).data);

async function sideBySide(label: string, file: string, atlas: ServerChild, picks: Picks, pg: PostGraphileSide): Promise<void> {
  const queries = [
    { name: 'nested roles(20).skills(10).tools(5)', query: nestedQuery(), postgraphile: postgraphileNestedQuery() },
    { name: 'role page', query: rolePageQuery(picks), postgraphile: postgraphileRolePageQuery(picks) },
  ];
  const systems = SYSTEMS.filter(([kind]) => kind !== 'postgraphile' || 'cluster' in pg);
  const answers: Record<string, string> = {};
  for (const { query } of queries) {
    const got = await answer(atlas.url, query);
    if (got.error) throw new Error(`Skill Atlas failed the side-by-side query: ${got.error}`);
    answers[JSON.stringify({ query })] = got.text;
  }
  const answersFile = join(DATA_DIR, 'bare-answers.json');
  writeFileSync(answersFile, JSON.stringify(answers));
  const servers: Record<string, ServerChild> = { atlas };
  for (const [kind] of systems) {
    if (kind === 'atlas') continue;
    const source =
      kind === 'bare' ? answersFile : kind === 'postgraphile' && 'cluster' in pg ? JSON.stringify(pg.cluster.config(pg.database)) : file;
    servers[kind] = await ServerChild.start(kind, source);
  }
  const queryFor = (kind: string, q: (typeof queries)[number]) => (kind === 'postgraphile' ? q.postgraphile : q.query);

  console.log(`\n## ${label}: side by side, ${IN_FLIGHT} in flight\n`);
  if ('skipped' in pg) console.log(`PostGraphile skipped: ${pg.skipped}.\n`);
  const checks: string[] = [];
  for (const q of queries) {
    const expected = answers[JSON.stringify({ query: q.query })];
    for (const [kind, name] of systems) {
      const got = await answer(servers[kind].url, queryFor(kind, q));
      // PostGraphile answers the same data without Skill Atlas's attribution extension.
      const same = kind === 'postgraphile' ? !got.error && dataOf(got.text) === dataOf(expected) : got.text === expected;
      if (!same) checks.push(`${name} differs on ${q.name} (${got.error ?? `${got.text.length} vs ${expected.length} bytes`})`);
    }
  }
  console.log(
    checks.length
      ? `Answers NOT identical: ${checks.join('; ')}\n`
      : `Answer bytes identical across ${systems.filter(([kind]) => kind !== 'postgraphile').length} systems${'cluster' in pg ? "; PostGraphile's data identical (same names, same order)" : ''} (checked).\n`,
  );
  const references = REFERENCES.filter(([kind]) => systems.some(([k]) => k === kind));
  console.log(`| query | system | p50 ms | p99 ms | req/s | ${references.map(([, title]) => title).join(' | ')} | server peak RSS |`);
  console.log(`|---|---|---:|---:|---:|${references.map(() => '---:|').join('')}---:|`);
  for (const q of queries) {
    const rows: SideRow[] = [];
    for (const [kind, system] of systems) {
      const result = await measure(servers[kind].url, queryFor(kind, q), IN_FLIGHT, SIDE);
      let peak = `${servers[kind].memory().peak.toFixed(0)} MB`;
      if (kind === 'postgraphile' && 'cluster' in pg) peak += ` + ${pg.cluster.memory().toFixed(0)} MB PostgreSQL`;
      rows.push({ kind, system, result, peak });
    }
    const throughput = (kind: string) => rows.find((row) => row.kind === kind)!.result.throughput;
    for (const row of rows) {
      const r = row.result;
      const ratio = (ref: number) => `${((r.throughput / ref) * 100).toFixed(r.throughput / ref < 0.1 ? 1 : 0)} %`;
      const system = row.kind.startsWith('atlas') ? `**${row.system}**` : row.system;
      const ratios = references.map(([kind]) => ratio(throughput(kind)));
      console.log(
        `| ${q.name} | ${system} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.throughput.toFixed(0)} | ${ratios.join(' | ')} | ${row.peak} |`,
      );
    }
  }
  for (const [kind] of systems) if (kind !== 'atlas') await servers[kind].stop();
}

/** Copies the dataset's tables into a new database of the cluster, for PostGraphile. */
async function loadPostgres(cluster: PostgresCluster, database: string, file: string, log: (line: string) => void) {
  const started = performance.now();
  await cluster.withClient('postgres', (client) => client.query(`CREATE DATABASE ${database}`));
  const counts = await cluster.withClient(database, (client) => copyToPostgres(file, client));
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  log(
    `  copied ${rows} rows of ${Object.keys(counts).length} tables into PostgreSQL in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

async function runDataset(
  label: string,
  file: string,
  picks: Picks,
  postgres: PostGraphileSide,
  log: (line: string) => void,
): Promise<void> {
  if ('cluster' in postgres) await loadPostgres(postgres.cluster, postgres.database, file, log);
  const nodeArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(DATA_DIR, 'profiles')}`] : [];
  const atlas = await ServerChild.start('atlas', file, nodeArgs);
  if (!SIDE_ONLY) await runQuerySet(label, atlas, picks);
  if (ONLY === undefined) await sideBySide(label, file, atlas, picks, postgres);
  await atlas.stop();
  if ('cluster' in postgres) {
    await postgres.cluster.withClient('postgres', (client) => client.query(`DROP DATABASE ${postgres.database}`));
  }
}

/** Stops the children and the cluster however the run ends: normally, on an error, or on Ctrl-C. */
function cleanUpOnExit(cluster: PostgresCluster | undefined): void {
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the servers${cluster ? ' and removing the PostgreSQL cluster' : ''}…`);
    for (const child of running) child.kill('SIGTERM');
    void (cluster?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
    cluster?.stopNow();
  });
}

/** The query set through one and through two API processes over one PostgreSQL database (`--postgres`). */
async function runPostgres(log: (line: string) => void): Promise<void> {
  const found = findPostgres();
  if ('missing' in found) throw new Error(`--postgres needs the PostgreSQL server binaries: ${found.missing}`);
  const cluster = await PostgresCluster.start(found.bin, log);
  cleanUpOnExit(cluster);
  try {
    await cluster.withClient('postgres', (client) => client.query('CREATE DATABASE atlas'));
    const url = cluster.url('atlas');
    const importStarted = performance.now();
    const dataSource = await openDatabase({ databasePath: '', databaseUrl: url, dbLogging: false });
    await seed(dataSource, join(projectRoot(), 'seeds'));
    const imported = await importOnet(dataSource, ONET_DIR);
    await dataSource.destroy();
    console.log(`# Skill Atlas benchmark on PostgreSQL ${await cluster.serverVersion()}${QUICK ? ' (quick run)' : ''}`);
    console.log(
      `\nMachine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), node ${process.version}. The load generator and PostgreSQL run on the same machine.`,
    );
    console.log(
      `Seeds + O*NET 29.3: migrated, seeded and imported in ${((performance.now() - importStarted) / 1000).toFixed(1)} s (the O*NET import ${imported.seconds.toFixed(1)} s).`,
    );
    const env = { DATABASE_URL: url };
    const picks = { roleA: 'software-developers', roleB: 'database-administrators', tools: ['python', 'postgresql', 'docker', 'rest'] };
    const one = await ServerChild.start('atlas', '', [], env);
    const two = await ServerChild.start('atlas', '', [], env);
    console.log(`\n## Career-site queries, ${IN_FLIGHT} in flight: one API process, then two side by side (p50/p99 in ms)\n`);
    console.log('| query | 1 process req/s | p50 | p99 | 2 processes req/s | p50 | p99 |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    const peaks = { one: sampleRss(one), two: sampleRss(two) };
    const totals = { one: 0, two: 0 };
    for (const [name, query] of Object.entries(querySet(picks))) {
      if (ONLY !== undefined && !name.includes(ONLY)) continue;
      const first = await answer(one.url, query);
      if (first.error) {
        console.log(`| ${name} | error: ${first.error} | | | | | |`);
        continue;
      }
      const alone = await measure(one.url, query, IN_FLIGHT, LOADED);
      const paired = await measure([one.url, two.url], query, IN_FLIGHT, LOADED);
      totals.one += alone.throughput;
      totals.two += paired.throughput;
      console.log(
        `| ${name} | ${alone.throughput.toFixed(0)} | ${ms(alone.p50)} | ${ms(alone.p99)} | ${paired.throughput.toFixed(0)} | ${ms(paired.p50)} | ${ms(paired.p99)} |`,
      );
    }
    console.log(
      `\nSum of req/s over the queries: ${totals.one.toFixed(0)} with one process, ${totals.two.toFixed(0)} with two (${((totals.two / totals.one) * 100).toFixed(0)} %).`,
    );
    console.log(
      `API process RSS, sampled peak: ${peaks.one().toFixed(0)} MB (the first, which served both runs) and ${peaks.two().toFixed(0)} MB; PostgreSQL ${cluster.memory().toFixed(0)} MB.`,
    );
    await one.stop();
    await two.stop();
  } finally {
    await cluster.stop();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const log = (line: string) => console.error(line);
  if (POSTGRES) return runPostgres(log);
  const onet = await onetDatabase(log);
  const synthetic = await syntheticDatabase(log);
  const found = findPostgres();
  const cluster = 'bin' in found ? await PostgresCluster.start(found.bin, log) : undefined;
  cleanUpOnExit(cluster);
  try {
    const postgres = (database: string): PostGraphileSide =>
      'missing' in found ? { skipped: found.missing } : { cluster: cluster!, database };
    console.log(`# Skill Atlas benchmark${QUICK ? ' (quick run)' : ''}`);
    console.log(
      `\nMachine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), node ${process.version}. The load generator runs on the same machine.`,
    );
    console.log(
      cluster
        ? `PostGraphile ${postgraphileVersion()} on PostgreSQL ${await cluster.serverVersion()} (a throw-away cluster).`
        : `PostGraphile skipped: ${'missing' in found ? found.missing : ''}.`,
    );
    await runDataset(
      'Seeds + O*NET 29.3',
      onet,
      { roleA: 'software-developers', roleB: 'database-administrators', tools: ['python', 'postgresql', 'docker', 'rest'] },
      postgres('onet'),
      log,
    );
    await runDataset('Synthetic (3× O*NET)', synthetic.path, synthetic.picks, postgres('synthetic'), log);
    console.log(
      `\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s.${PROFILE ? ` CPU profiles in ${join(DATA_DIR, 'profiles')}.` : ''}`,
    );
  } finally {
    await cluster?.stop();
  }
}

/** The installed PostGraphile's version, from its package.json. */
function postgraphileVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('postgraphile/package.json'), 'utf8')) as { version: string }).version;
}

// Run when started as a script; a test may import the query set without running the benchmark.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
