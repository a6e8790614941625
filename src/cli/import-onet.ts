import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfig } from '../config';
import { openDatabase } from '../database';
import { OnetImportError } from '../onet/onet.errors';
import { importOnet } from '../onet/onet.import';
import { progressFor } from '../onet/onet.progress';
import { formatSummary } from '../onet/onet.summary';

/**
 * `npm run import:onet -- <dir>`: validate an O*NET 29.x text release, then import it into
 * DATABASE_PATH in one transaction. Progress goes to stderr; the summary and the attribution O*NET
 * requires go to stdout. Exit code 1 when the release is invalid (nothing is written).
 */
async function main(argv: string[]): Promise<number> {
  const dir = argv[2];
  if (!dir) {
    console.error('Usage: npm run import:onet -- <folder of an O*NET 29.x text release, e.g. ../shared/datasets/onet-29.3>');
    return 1;
  }
  const config = loadConfig();
  const dataSource = await openDatabase(config);
  try {
    const summary = await importOnet(dataSource, resolve(dir), { progress: progressFor(process.stderr) });
    console.log(formatSummary(summary));
    console.log(`\n${summary.attribution}`);
    return 0;
  } catch (error) {
    if (error instanceof OnetImportError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
