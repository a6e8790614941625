import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/database';
import { costLimitPlugin } from '../src/limits/cost-limit';
import { startPooledServer } from '../src/server';
import { attributionPlugin } from '../src/source/attribution';
import { buildMiniSchema, memoryBackend, naiveBackend } from './mini-schema';

/**
 * One GraphQL server under test, in its own process so its memory is measured alone:
 *   node server-child.js atlas|atlas-cached|ceiling|naive <database>
 * (`<database>` is a SQLite file, or ignored when DATABASE_URL names a PostgreSQL database)
 * (bare-server.js is the bare HTTP reference). Prints one line `{"port": n}` when it is listening,
 * and exits on SIGTERM (which also writes a CPU profile when run with --cpu-prof).
 */
async function main(): Promise<void> {
  const [kind, file] = process.argv.slice(2);
  // With DATABASE_URL (`npm run bench -- --postgres`), the PostgreSQL database instead of the file.
  const dataSource = await openDatabase({ ...loadConfig(), databasePath: file, dbLogging: false });
  let stop: () => Promise<void>;
  let port: number;
  if (kind === 'atlas' || kind === 'atlas-cached') {
    // `atlas` is measured with its response cache off, so every request is computed;
    // `atlas-cached` keeps the configured cache and shows what a repeated query costs.
    // It reads through READ_CONNECTIONS connections, as `npm start` does.
    if (kind === 'atlas') process.env.RESPONSE_CACHE_BYTES = '0';
    const server = await startPooledServer(dataSource, 0, { ...loadConfig(), databasePath: file });
    port = server.port;
    stop = () => server.stop();
  } else if (kind === 'ceiling' || kind === 'naive') {
    const backend = kind === 'ceiling' ? await memoryBackend(dataSource) : naiveBackend(dataSource);
    // The same cost and attribution extensions as Skill Atlas, so the answer bytes can match, and the
    // same plugin set otherwise (Apollo's per-field cache-control hook off), so the ceiling stays a ceiling.
    const server = new ApolloServer({
      schema: await buildMiniSchema(),
      plugins: [ApolloServerPluginCacheControlDisabled(), costLimitPlugin(loadConfig().maxCost), attributionPlugin(dataSource)],
    });
    const { url } = await startStandaloneServer(server, { listen: { port: 0 }, context: async () => ({ backend }) });
    port = Number(new URL(url).port);
    stop = () => server.stop();
  } else {
    throw new Error(`unknown server kind ${kind}`);
  }
  process.on('SIGTERM', () => {
    void stop().then(() => process.exit(0));
  });
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
