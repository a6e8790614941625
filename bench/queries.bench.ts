import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/database';
import { importOnet } from '../src/onet/onet.import';
import { seed } from '../src/seed';
import { startServer } from '../src/server';
import { toGlobalId } from '../src/shared/global-id';
import { projectRoot } from '../src/shared/project-root';

/** Requests per query and how many run at once. */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

/** The queries it times (test/cost-limits.test.ts prices them). */
export const QUERIES: Record<string, string> = {
  'search "kube"': `{ search(query: "kube", first: 10) { totalCount edges { score snippet } } }`,
  'search typo "pyhton"': `{ search(query: "pyhton", first: 10) { totalCount edges { score } } }`,
  'search "manage"': `{ search(query: "manage", first: 20) { totalCount edges { score } } }`,
  'relatedRoles (Software Developers)': `{ role(slug: "software-developers") { relatedRoles(first: 10) { edges { score onetRank sharedTools { tool { name } } node { name } } } } }`,
  'skillGap role → role': `{ skillGap(from: "software-developers", to: "database-administrators") { coverage missingEssentialTools { tool { name } } } }`,
  'skillGap person → role': `{ skillGap(have: ["python", "postgresql", "git"], to: "software-developers") { coverage missingEssentialSkills { skill { name } } } }`,
  'matchRoles (Python, PostgreSQL, Docker, REST)': `{ matchRoles(tools: ["python", "postgresql", "docker", "rest"], first: 10) { totalCount edges { score node { name } } } }`,
  'skillGraph depth 2, 200 nodes': `{ skillGraph(root: "${toGlobalId('Role', 'software-developers')}", depth: 2, maxNodes: 200) { truncated nodes { id label } edges { source target } } }`,
  'roles(first: 20) + skills/tools/tasks': `{ roles(first: 20) { nodes { name skills(first: 10) { nodes { name } } tools(first: 10) { nodes { name } } responsibilities(first: 5) { nodes { name } } } } }`,
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Benchmark: p50/p99 latency of the career-site queries over HTTP, with CONCURRENCY requests in
 * flight, on a database holding the seeds and the full O*NET release.
 * Usage: npm run bench:queries [-- <O*NET release dir>]
 */
async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(projectRoot(), '..', 'shared', 'datasets', 'onet-29.3');
  const work = mkdtempSync(join(tmpdir(), 'skill-atlas-bench-'));
  const dataSource = await openDatabase({ databasePath: join(work, 'bench.sqlite'), dbLogging: false });
  await seed(dataSource, join(projectRoot(), 'seeds'));
  await importOnet(dataSource, dir);
  const server = await startServer(dataSource, 0);
  console.log(`Query latency on seeds + O*NET (${REQUESTS} requests each, ${CONCURRENCY} concurrent, ${cpus().length} cores)`);
  console.log(`  ${'query'.padEnd(48)}${'p50'.padStart(9)}${'p99'.padStart(9)}`);
  for (const [name, query] of Object.entries(QUERIES)) {
    const body = JSON.stringify({ query });
    const timings: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < REQUESTS) {
        next++;
        const started = performance.now();
        const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const json = (await response.json()) as { errors?: unknown };
        if (json.errors) throw new Error(`${name}: ${JSON.stringify(json.errors)}`);
        timings.push(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    timings.sort((a, b) => a - b);
    console.log(
      `  ${name.padEnd(48)}${`${percentile(timings, 50).toFixed(0)} ms`.padStart(9)}${`${percentile(timings, 99).toFixed(0)} ms`.padStart(9)}`,
    );
  }
  await server.stop();
  await dataSource.destroy();
  rmSync(work, { recursive: true, force: true });
}

// Run when started as a script; a test may import the query set without running the benchmark.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
