import 'reflect-metadata';
import { resolve } from 'node:path';
import { progressFor } from '../import/import.progress';
import { importOnet } from '../onet/onet.import';
import { formatSummary } from '../onet/onet.summary';
import { PROBLEMS_FILE, runCli } from './cli';

/**
 * `npm run import:onet -- <folder>`: validate an O*NET 29.x text release, then import it into
 * DATABASE_PATH in one transaction. Progress goes to stderr; the summary and the attribution O*NET
 * requires go to stdout. Exit code 1 when the release is invalid (nothing is written).
 */
runCli(
  {
    script: 'import:onet',
    positional: ['folder'],
    options: [PROBLEMS_FILE],
    hint: 'an O*NET 29.x text release, e.g. ../shared/datasets/onet-29.3',
  },
  async (dataSource, { positional: [dir] }) => {
    const summary = await importOnet(dataSource, resolve(dir), { progress: progressFor(process.stderr) });
    console.log(formatSummary(summary));
    console.log(`\n${summary.attribution}`);
  },
);
