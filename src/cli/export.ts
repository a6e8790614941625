import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { EXPORT_STEPS, exportDataset, serializeDataset } from '../dataset/dataset.export';
import { progressFor } from '../import/import.progress';
import { runCli } from './cli';

/** `npm run export -- <file>`: write the whole database in the interchange format. Progress goes to stderr. */
runCli({ script: 'export', positional: ['file'] }, async (dataSource, { positional: [file] }) => {
  const progress = progressFor(process.stderr);
  progress.start(EXPORT_STEPS + 1);
  const dataset = await exportDataset(dataSource, (step) => progress.step(step));
  writeFileSync(file, serializeDataset(dataset));
  progress.step(`written to ${file}`);
  progress.finish();
  const counts = (['roles', 'skills', 'tools', 'responsibilities'] as const).map((l) => `${dataset[l]?.length ?? 0} ${l}`).join(', ');
  console.log(`Exported ${counts} to ${file}.`);
});
