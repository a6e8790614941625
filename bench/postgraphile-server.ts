import PgManyToManyPlugin from '@graphile-contrib/pg-many-to-many';
import PgSimplifyInflectorPlugin from '@graphile-contrib/pg-simplify-inflector';
import { createServer } from 'node:http';
import { Pool, type PoolConfig } from 'pg';
import { postgraphile } from 'postgraphile';

/**
 * PostGraphile v4 over the benchmark's PostgreSQL copy, in its own process so its memory is
 * measured alone: `node postgraphile-server.js postgraphile '<pg connection JSON>'`. Prints `{"port": n}` once
 * the schema is built, like server-child.js, and exits on SIGTERM.
 *
 * The set-up PostGraphile's documentation recommends for production: no schema watching, no query
 * log, no GraphiQL, RBAC-aware introspection, errors with their SQLSTATE only; plus the
 * many-to-many plugin (so `Role.skills` is a connection through `role_skill`, with the link's
 * columns on the edge), the simplified inflector and no mutations, since the bench only reads.
 */

/** One connection per request in flight (the bench sends 10), so no request waits for the pool. */
const POOL_SIZE = 10;

async function main(): Promise<void> {
  const connection = JSON.parse(process.argv[3]) as PoolConfig;
  const pool = new Pool({ ...connection, max: POOL_SIZE });
  const middleware = postgraphile(pool, 'public', {
    appendPlugins: [PgManyToManyPlugin, PgSimplifyInflectorPlugin],
    disableDefaultMutations: true,
    setofFunctionsContainNulls: false,
    ignoreRBAC: false,
    legacyRelations: 'omit',
    disableQueryLog: true,
    watchPg: false,
    graphiql: false,
    enableQueryBatching: false,
    extendedErrors: ['errcode'],
    retryOnInitFail: false,
  });
  await middleware.getGraphQLSchema();
  const server = createServer(middleware);
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
  });
  process.on('SIGTERM', () => {
    server.close(() => void pool.end().then(() => process.exit(0)));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
