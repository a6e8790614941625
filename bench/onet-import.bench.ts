import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/database';
import { importOnet } from '../src/onet/onet.import';
import { seed } from '../src/seed';
import { projectRoot } from '../src/shared/project-root';
import { findPostgres, PostgresCluster } from '../test/helpers/postgres-cluster';

/**
 * Benchmark: a full O*NET import into a freshly seeded database, then a re-import of the same
 * release. Reports wall time and peak memory (max RSS) of this process, which does nothing else.
 * Usage: npm run bench:import [-- <release dir>] [-- --postgres]
 * With `--postgres` the database is one of a throw-away PostgreSQL cluster (its server's memory is
 * reported apart); otherwise a SQLite file in a temporary folder.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const postgres = args.includes('--postgres');
  const dir = args.find((a) => !a.startsWith('--')) ?? join(projectRoot(), '..', 'shared', 'datasets', 'onet-29.3');
  const work = mkdtempSync(join(tmpdir(), 'skill-atlas-bench-'));
  let cluster: PostgresCluster | undefined;
  if (postgres) {
    const found = findPostgres();
    if ('missing' in found) throw new Error(`--postgres needs the PostgreSQL server binaries: ${found.missing}`);
    cluster = await PostgresCluster.start(found.bin, (line) => console.error(line));
    process.once('exit', () => cluster?.stopNow());
    await cluster.withClient('postgres', (client) => client.query('CREATE DATABASE bench'));
  }
  try {
    const dataSource = await openDatabase({
      databasePath: join(work, 'bench.sqlite'),
      databaseUrl: cluster?.url('bench'),
      dbLogging: false,
    });
    await seed(dataSource, join(projectRoot(), 'seeds'));
    const first = await importOnet(dataSource, dir);
    const again = await importOnet(dataSource, dir);
    await dataSource.destroy();
    const mb = (process.resourceUsage().maxRSS / 1024).toFixed(0);
    console.log(`O*NET import benchmark (${dir}) on ${cluster ? `PostgreSQL ${await cluster.serverVersion()}` : 'SQLite'}`);
    console.log(`  first import   ${first.seconds.toFixed(1)} s`);
    console.log(`  re-import      ${again.seconds.toFixed(1)} s`);
    console.log(
      `  peak memory    ${mb} MB (max RSS of the whole process)${cluster ? `; PostgreSQL ${cluster.memory().toFixed(0)} MB` : ''}`,
    );
    console.log(`  machine        ${cpus().length} cores, node ${process.version}`);
  } finally {
    await cluster?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
