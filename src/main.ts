import cluster from 'node:cluster';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Supervisor } from './cluster/supervisor';
import { loadConfig, type Config } from './config';
import { createLogger, type Logger } from './observability/logger';
import type { RunningServer, ServeOptions } from './server';

/*
 * `npm start`: migrate, load the curated seeds into a database that never took them in, then serve, from this process (WORKERS=1) or from
 * WORKERS cluster workers over the same database file; shut down gracefully on SIGTERM or SIGINT.
 *
 * With workers, only the primary's one `npm run migrate` child writes at start-up, before any
 * worker exists; workers open the migrated file as it is. The primary itself only forks and
 * watches, so it loads neither the ORM nor the GraphQL server (imported lazily below): it stays
 * at about 40 MB instead of the 140 MB a serving process takes.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  if (cluster.isWorker) return serveAsWorker(config, logger.child({ worker: cluster.worker!.id }), cluster.worker!.id);
  if (config.workers === 1) return serveAlone(config, logger);

  await migrateInChild();
  const supervisor = new Supervisor({ workers: config.workers, log: (line) => logger.info(line) });
  const { port, pids } = await supervisor.start();
  logger.info(
    `Skill Atlas is serving GraphQL at http://localhost:${port}/graphql from ${pids.length} worker processes (pids ${pids.join(', ')}).`,
  );
  onTermination(logger, '', 'stopping the workers, each after its in-flight requests', async () => {
    const { clean } = await supervisor.stop();
    if (!clean) throw new Error('a worker did not stop cleanly');
    logger.info(`All ${config.workers} workers have stopped.`);
  });
}

/** WORKERS=1: this process migrates, seeds a database that never took in the seeds, and serves. */
async function serveAlone(config: Config, logger: Logger): Promise<void> {
  await import('reflect-metadata');
  const { openDatabase } = await import('./database.js');
  const { seedUnlessSeeded } = await import('./seed.js');
  const dataSource = await openDatabase(config, undefined, (db) => seedUnlessSeeded(db, config.seedsDir, (line) => logger.info(line)));
  const server = await serve(dataSource, config, logger);
  logger.info(`Skill Atlas is serving GraphQL at ${server.url} (open it in a browser for the playground).`);
}

/** A cluster worker: the database is already migrated and seeded, so it only connects and serves. */
async function serveAsWorker(config: Config, logger: Logger, id: number): Promise<void> {
  await import('reflect-metadata');
  const { connectDatabase } = await import('./database.js');
  const { workerHeaderPlugin } = await import('./cluster/worker-header.js');
  const dataSource = await connectDatabase(config);
  await serve(dataSource, config, logger, { plugins: [workerHeaderPlugin(id)] }, ` by worker ${id}`);
  logger.info(`Worker ${id} (pid ${process.pid}) is serving.`);
}

/** Serves `dataSource` (through a read pool when READ_CONNECTIONS > 1) until a termination signal. */
async function serve(dataSource: DataSource, config: Config, logger: Logger, options: ServeOptions = {}, by = ''): Promise<RunningServer> {
  const { startPooledServer } = await import('./server.js');
  const server = await startPooledServer(dataSource, config.port, config, { ...options, logger });
  onTermination(logger, by, 'finishing in-flight requests, then closing the database', async () => {
    await server.stop();
    await dataSource.destroy();
    logger.info('Every request has been answered and the database is closed.');
  });
  return server;
}

/** Runs `npm run migrate`'s compiled tool in a child process, with this process's settings. */
async function migrateInChild(): Promise<void> {
  const child = fork(join(__dirname, 'cli', 'migrate.js'), [], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error(`Preparing the database failed (exit code ${code}); no worker was started.`);
}

/** On the first SIGTERM or SIGINT: say what happens next, run `stop`, and exit 0 (or 1 if stopping failed). */
function onTermination(logger: Logger, by: string, what: string, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received${by}: ${what}.`);
    try {
      await stop();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'Shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
