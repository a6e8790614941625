import { cpus } from 'node:os';
import { loadConfig } from '../src/config';
import { onetDatabase, syntheticDatabase } from './data';
import { closedLoop } from './load';
import { ServerChild } from './server-process';

/**
 * `npm run bench:burst [-- --quick]`: a burst of the costliest query the shipped limits allow
 * (`roles(20).skills(20).roles(20)`, cost 9,262 of 10,000), 30 requests in flight, against the
 * server with MAX_COST_IN_FLIGHT off (0) and at its default, taking turns over two rounds. The
 * server's peak RSS (VmHWM) and the latency show what the budget bounds: without it every request
 * in flight holds its objects at once.
 */

const QUICK = process.argv.includes('--quick');
const REQUESTS = QUICK ? 45 : 90;
const IN_FLIGHT = 30;
const HEAVIEST = `{ roles(first: 20) { nodes { name skills(first: 20) { nodes { name roles(first: 20) { nodes { name } } } } } } }`;

async function main(): Promise<void> {
  const log = (line: string) => console.error(line);
  const datasets = [
    { label: 'seeds + O*NET', path: await onetDatabase(log) },
    { label: 'synthetic', path: (await syntheticDatabase(log)).path },
  ];
  const budgets = [0, loadConfig({}).maxCostInFlight];
  console.log(`# A burst of the costliest allowed query${QUICK ? ' (quick run)' : ''}\n`);
  console.log(`${cpus().length} cores, node ${process.version}; ${IN_FLIGHT} in flight, ${REQUESTS} requests per round, 2 rounds.\n`);
  console.log('| dataset | MAX_COST_IN_FLIGHT | round | p50 ms | p99 ms | server peak RSS MB |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const { label, path } of datasets) {
    for (let round = 1; round <= 2; round++) {
      for (const budget of budgets) {
        const server = await ServerChild.start('atlas', path, [], { MAX_COST_IN_FLIGHT: String(budget) });
        try {
          const body = JSON.stringify({ query: HEAVIEST });
          const result = await closedLoop({ url: server.url, body, concurrency: IN_FLIGHT, maxRequests: REQUESTS, maxSeconds: 120 });
          const peak = server.memory().peak;
          console.log(
            `| ${label} | ${budget || 'off'} | ${round} | ${result.p50.toFixed(0)} | ${result.p99.toFixed(0)} | ${peak.toFixed(0)} |`,
          );
        } finally {
          await server.stop();
        }
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
