import 'reflect-metadata';
import { loadConfig } from './config';
import { openDatabase } from './database';
import { isEmpty, seed } from './seed';
import { startServer } from './server';

/** `npm start`: migrate, seed an empty database, serve, and shut down gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openDatabase(config);
  if (await isEmpty(dataSource)) {
    const { after } = await seed(dataSource, config.seedsDir);
    console.log(`Seeded an empty database with ${after.role} roles, ${after.skill} skills and ${after.tool} tools.`);
  }
  const server = await startServer(dataSource, config.port);
  console.log(`Skill Atlas is serving GraphQL at ${server.url} (open it in a browser for the playground).`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing in-flight requests, then closing the database.`);
    try {
      await server.stop();
      await dataSource.destroy();
      process.exit(0);
    } catch (error) {
      console.error('Shutdown failed', error);
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
