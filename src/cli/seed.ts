import 'reflect-metadata';
import { seed } from '../seed';
import { runCli } from './cli';

/** `npm run seed`: validate the seed files, then load them in one transaction. */
runCli({ script: 'seed' }, async (dataSource, _args, config) => {
  const { before, after } = await seed(dataSource, config.seedsDir);
  const lines = Object.keys(after).map(
    (table) =>
      `  ${table.padEnd(22)} ${String(after[table]).padStart(6)}  (${after[table] - before[table] >= 0 ? '+' : ''}${after[table] - before[table]})`,
  );
  console.log(`Seeded ${config.databasePath}:\n${lines.join('\n')}`);
});
