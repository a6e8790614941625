import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { connectDatabase } from '../src/database';
import { startServer } from '../src/server';
import { launchChromium } from '../test/helpers/launch-chromium';
import { onetDatabase } from './data';

/** Page loads per neighbourhood after the first (cold) one. */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** Neighbourhoods of about 200 nodes on seeds + O*NET, as the explorer's address names them. */
const VIEWS: Record<string, string> = {
  'Software Developers, depth 2, 200 nodes': '?root=software-developers&depth=2&maxNodes=200',
  'Python (tool), depth 2, 200 nodes': '?root=python&type=tool&depth=2&maxNodes=200',
  'Registered Nurses, depth 2, 200 nodes': '?root=registered-nurses&depth=2&maxNodes=200',
};

interface Draw {
  ms: number;
  queryMs: number;
  drawMs: number;
  layoutMs: number;
  addMs: number;
  sinceNavigationMs: number;
  nodes: number;
  edges: number;
  edgeCount: number;
}

/** What the page exposes as `window.explorer` (src/explore/explore.js), as far as the bench reads it. */
type ExplorerWindow = { explorer?: { state: { ready?: boolean; lastDraw: Draw | null } } };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${Math.round(value)} ms`;

/**
 * Benchmark: time to the explorer's first drawing of a 200-node neighbourhood on seeds + O*NET,
 * in Chromium, against the real server (response cache off, so every load asks the database).
 * "first drawing" is the frame after the fcose layout stops; the figures are the whole time from
 * the page asking skillGraph to that frame, the API's share (request to parsed answer), the
 * drawing's (adding the elements, the layout alone, and all three with the frame), and the time
 * since navigation began (scripts, operations and the slug lookup included).
 * Usage: npm run bench:explore (BENCH_RUNS=3 for a quicker look)
 */
async function main(): Promise<void> {
  const log = (line: string) => console.error(line);
  const path = await onetDatabase(log);
  const dataSource = await connectDatabase({ databasePath: path, dbLogging: false });
  // One client loading the page again and again would spend an anonymous caller's budget: no rate limit here.
  const server = await startServer(dataSource, 0, {
    ...loadConfig(),
    logLevel: 'silent',
    responseCacheBytes: 0,
    anonymousRateLimitPerMinute: 0,
  });
  const browser = await launchChromium();
  try {
    const origin = new URL(server.url).origin;
    console.log(`# Explorer: first drawing on seeds + O*NET (${RUNS} warm loads each, medians; Chromium, 1500×900)\n`);
    console.log(
      '| neighbourhood | nodes | links drawn (of all) | cold load | request → drawn | API | add to graph | layout | drawing (add + layout + frame) | since navigation |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [label, search] of Object.entries(VIEWS)) {
      const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
      const draws: Draw[] = [];
      for (let run = 0; run <= RUNS; run++) {
        const page = await context.newPage();
        await page.goto(`${origin}/explore${search}`, { waitUntil: 'load' });
        await page.waitForFunction(() => (window as unknown as ExplorerWindow).explorer?.state.ready === true, undefined, {
          timeout: 60_000,
        });
        const draw = await page.evaluate(() => (window as unknown as ExplorerWindow).explorer!.state.lastDraw);
        if (!draw) throw new Error(`${label}: nothing was drawn (${await page.locator('#status').textContent()})`);
        draws.push(draw);
        await page.close();
      }
      await context.close();
      const [cold, ...warm] = draws;
      console.log(
        `| ${label} | ${cold.nodes} | ${cold.edges} of ${cold.edgeCount} | ${ms(cold.ms)} | ${ms(median(warm.map((d) => d.ms)))} | ${ms(median(warm.map((d) => d.queryMs)))} | ${ms(median(warm.map((d) => d.addMs)))} | ${ms(median(warm.map((d) => d.layoutMs)))} | ${ms(median(warm.map((d) => d.drawMs)))} | ${ms(median(warm.map((d) => d.sinceNavigationMs)))} |`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
