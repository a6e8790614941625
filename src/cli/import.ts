import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ENTITY_LISTS } from '../dataset/dataset.format';
import { importDatasetFile } from '../dataset/dataset.import';
import { runCli, UsageError } from './cli';

/** `npm run import -- <file> [--dry-run]`: merge a dataset file into the database. */
runCli({ script: 'import', positional: ['file'], flags: ['--dry-run'] }, async (dataSource, { positional: [file], flags }) => {
  const dryRun = flags.has('--dry-run');
  if (!existsSync(file)) throw new UsageError(`No such file: ${file}`);
  const started = Date.now();
  console.log(`Validating ${file} ...`);
  const summary = await importDatasetFile(dataSource, file, { dryRun, onProgress: (step) => console.log(`  ${step}`) });
  console.log(dryRun ? 'Dry run: nothing was written. The import would make these changes:' : 'Imported:');
  console.log(`  ${'list'.padEnd(18)}${'created'.padStart(9)}${'updated'.padStart(9)}${'unchanged'.padStart(11)}`);
  for (const list of ENTITY_LISTS) {
    const s = summary[list];
    console.log(`  ${list.padEnd(18)}${String(s.created).padStart(9)}${String(s.updated).padStart(9)}${String(s.unchanged).padStart(11)}`);
  }
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
});
