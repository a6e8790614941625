import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config';
import { openDatabase } from '../database';
import { DatasetInvalidError } from '../dataset/dataset.load';

/** A usage or input mistake: printed as it is, exit code 2 (1 for invalid data). */
export class UsageError extends Error {}

/**
 * Runs a command-line tool against the configured database: opens and migrates it, runs `task`,
 * closes it, and turns known failures into a message and an exit code instead of a stack trace.
 */
export function runCli(task: (dataSource: DataSource, args: string[]) => Promise<void>): void {
  const run = async (): Promise<number> => {
    const config = loadConfig();
    const dataSource = await openDatabase(config);
    try {
      await task(dataSource, process.argv.slice(2));
      return 0;
    } finally {
      await dataSource.destroy();
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof DatasetInvalidError) {
        console.error(error.message);
        process.exit(1);
      }
      if (error instanceof UsageError) {
        console.error(error.message);
        process.exit(2);
      }
      console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
