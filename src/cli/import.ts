import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ENTITY_LISTS } from '../dataset/dataset.format';
import { importDatasetFile, importSteps } from '../dataset/dataset.import';
import { progressFor } from '../import/import.progress';
import { PROBLEMS_FILE, runCli, UsageError } from './cli';

/** `npm run import -- <file> [--dry-run]`: merge a dataset file into the database. Progress goes to stderr (a bar on a terminal). */
runCli(
  { script: 'import', positional: ['file'], flags: ['--dry-run'], options: [PROBLEMS_FILE] },
  async (dataSource, { positional: [file], flags }) => {
    const dryRun = flags.has('--dry-run');
    if (!existsSync(file)) throw new UsageError(`No such file: ${file}`);
    const started = Date.now();
    console.log(`Validating ${file} ...`);
    const progress = progressFor(process.stderr);
    progress.start(importSteps(dryRun));
    const summary = await importDatasetFile(dataSource, file, { dryRun, onProgress: (step) => progress.step(step) });
    progress.finish();
    console.log(dryRun ? 'Dry run: nothing was written. The import would make these changes:' : 'Imported:');
    console.log(`  ${'list'.padEnd(18)}${'created'.padStart(9)}${'updated'.padStart(9)}${'unchanged'.padStart(11)}`);
    for (const list of ENTITY_LISTS) {
      const s = summary[list];
      console.log(
        `  ${list.padEnd(18)}${String(s.created).padStart(9)}${String(s.updated).padStart(9)}${String(s.unchanged).padStart(11)}`,
      );
    }
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  },
);
