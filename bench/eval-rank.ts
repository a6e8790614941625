import 'reflect-metadata';
import { evaluateAll, type Figures } from './rank-eval';

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

function print(title: string, figures: Figures, verbose: boolean): void {
  console.log(`${title}: ${figures.profiles} profiles, nDCG@5 ${figures.ndcgAt5.toFixed(3)}, top-3 share ${pct(figures.top3Share)}`);
  if (!verbose) return;
  for (const r of figures.results) {
    console.log(
      `  ${r.top3 ? ' ' : '✗'} ${r.name.padEnd(30)} nDCG ${r.ndcg.toFixed(2)}  expected ${r.expected[0]}  got ${r.ranked.slice(0, 3).join(', ')}`,
    );
  }
}

/**
 * Prints the labelled evaluation of matchRoles (bench/rank-eval.ts) on the seeds and on O*NET.
 * Usage: npm run eval:rank [-- --verbose] [--onet-db <a seeds + O*NET database file, instead of the cached one>]
 */
async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  const at = process.argv.indexOf('--onet-db');
  const { seeds, onet } = await evaluateAll((line) => console.error(line), at > 0 ? process.argv[at + 1] : undefined);
  print('seeds', seeds, verbose);
  print('O*NET', onet, verbose);
}

main().catch((error: unknown) => {
  console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
