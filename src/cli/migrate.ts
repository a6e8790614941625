import 'reflect-metadata';
import { seedUnlessSeeded } from '../seed';
import { runCli } from './cli';

/**
 * `npm run migrate`: bring the database up to date with the migrations and seed it if it is empty,
 * as `npm start` does before serving, and nothing more. The cluster primary runs it before forking
 * workers, so that one process writes at start-up and the primary itself never loads the ORM.
 */
runCli({ script: 'migrate' }, async (dataSource, _args, config) => {
  const seeded = await seedUnlessSeeded(dataSource, config.seedsDir, (line) => console.log(line));
  if (!seeded) console.log(`${config.databasePath} is migrated and has taken in the curated seeds already.`);
});
