import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/database';
import { importOnet } from '../src/onet/onet.import';
import { seed } from '../src/seed';
import { projectRoot } from '../src/shared/project-root';

/**
 * Benchmark: a full O*NET import into a freshly seeded database, then a re-import of the same
 * release. Reports wall time and peak memory (max RSS) of this process, which does nothing else.
 * Usage: npm run bench:import [-- <release dir>]
 */
async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(projectRoot(), '..', 'shared', 'datasets', 'onet-29.3');
  const work = mkdtempSync(join(tmpdir(), 'skill-atlas-bench-'));
  const dataSource = await openDatabase({ databasePath: join(work, 'bench.sqlite'), dbLogging: false });
  await seed(dataSource, join(projectRoot(), 'seeds'));
  const first = await importOnet(dataSource, dir);
  const again = await importOnet(dataSource, dir);
  await dataSource.destroy();
  rmSync(work, { recursive: true, force: true });
  const mb = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  console.log(`O*NET import benchmark (${dir})`);
  console.log(`  first import   ${first.seconds.toFixed(1)} s`);
  console.log(`  re-import      ${again.seconds.toFixed(1)} s`);
  console.log(`  peak memory    ${mb} MB (max RSS of the whole process)`);
  console.log(`  machine        ${cpus().length} cores, node ${process.version}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
