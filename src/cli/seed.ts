import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from '../database';
import { DatasetInvalidError } from '../dataset/dataset.load';
import { seed } from '../seed';

/** `npm run seed`: validate the seed files, then load them in one transaction. */
async function main(): Promise<number> {
  const config = loadConfig();
  const dataSource = await openDatabase(config);
  try {
    const { before, after } = await seed(dataSource, config.seedsDir);
    const lines = Object.keys(after).map(
      (table) =>
        `  ${table.padEnd(22)} ${String(after[table]).padStart(6)}  (${after[table] - before[table] >= 0 ? '+' : ''}${after[table] - before[table]})`,
    );
    console.log(`Seeded ${config.databasePath}:\n${lines.join('\n')}`);
    return 0;
  } catch (error) {
    if (error instanceof DatasetInvalidError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
