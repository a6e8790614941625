import { Agent } from 'node:http';
import { cpus } from 'node:os';
import { onetDatabase, syntheticDatabase } from './data';
import { closedLoop, post } from './load';
import { ServerChild } from './server-process';

/**
 * `npm run bench:lists [-- --quick]`: a page of every top-level list in every order, alone (one
 * request in flight), with the response cache off so every request reaches the database: the
 * first page, the first page with `totalCount`, and the page after the first page's `endCursor`.
 * p50 and p99 in ms; the goal is a first page under 5 ms.
 */

const QUICK = process.argv.includes('--quick');
const LIMITS = QUICK ? { maxRequests: 40, maxSeconds: 0.5 } : { maxRequests: 300, maxSeconds: 2 };
const WARMUP = QUICK ? 5 : 20;

const LISTS = [
  ['roles', 'name'],
  ['responsibilities', 'name'],
  ['skills', 'name'],
  ['tools', 'name'],
  ['categories', 'name'],
  ['sources', 'title'],
] as const;

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

async function ask(url: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const agent = new Agent({ keepAlive: false });
  const { text } = await post(agent, new URL(url), JSON.stringify({ query, variables }));
  const json = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (json.errors?.length) throw new Error(`${query}: ${JSON.stringify(json.errors[0])}`);
  return json.data!;
}

/** p50 and p99 of one request sent over and over, one at a time. */
async function alone(url: string, query: string, variables: Record<string, unknown> = {}): Promise<string> {
  const body = JSON.stringify({ query, variables });
  await closedLoop({ url, body, concurrency: 1, maxRequests: WARMUP, maxSeconds: 60 });
  const result = await closedLoop({ url, body, concurrency: 1, ...LIMITS });
  return `${ms(result.p50)} / ${ms(result.p99)}`;
}

async function runDataset(label: string, file: string): Promise<void> {
  const atlas = await ServerChild.start('atlas', file, [], { RESPONSE_CACHE_BYTES: '0' });
  console.log(`\n## ${label} (p50 / p99 in ms, 1 in flight, response cache off)\n`);
  console.log('| list | order | rows | first page | first page + totalCount | next page |');
  console.log('|---|---|---:|---:|---:|---:|');
  for (const [list, field] of LISTS) {
    for (const direction of ['ASC', 'DESC']) {
      const args = `first: 20, orderBy: { field: NAME, direction: ${direction} }`;
      const plain = `{ ${list}(${args}) { nodes { ${field} } } }`;
      const counted = `{ ${list}(${args}) { totalCount nodes { ${field} } } }`;
      const next = `query ($after: String) { ${list}(${args}, after: $after) { pageInfo { hasNextPage } nodes { ${field} } } }`;
      const first = await ask(atlas.url, `{ ${list}(${args}) { totalCount pageInfo { endCursor } } }`);
      const { totalCount, pageInfo } = first[list] as { totalCount: number; pageInfo: { endCursor: string } };
      const cells = [
        await alone(atlas.url, plain),
        await alone(atlas.url, counted),
        await alone(atlas.url, next, { after: pageInfo.endCursor }),
      ];
      console.log(`| ${list} | NAME ${direction} | ${totalCount} | ${cells.join(' | ')} |`);
    }
  }
  await atlas.stop();
}

async function main(): Promise<void> {
  const log = (line: string) => console.error(line);
  const onet = await onetDatabase(log);
  const synthetic = await syntheticDatabase(log);
  console.log(`# Top-level list pages${QUICK ? ' (quick run)' : ''}`);
  console.log(`\nMachine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), node ${process.version}.`);
  await runDataset('Seeds + O*NET 29.3', onet);
  await runDataset('Synthetic (3× O*NET)', synthetic.path);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
