import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { exportDataset, serializeDataset } from '../dataset/dataset.export';
import { runCli } from './cli';

/** `npm run export -- <file>`: write the whole database in the interchange format. */
runCli({ script: 'export', positional: ['file'] }, async (dataSource, { positional: [file] }) => {
  const dataset = await exportDataset(dataSource);
  writeFileSync(file, serializeDataset(dataset));
  const counts = (['roles', 'skills', 'tools', 'responsibilities'] as const).map((l) => `${dataset[l]?.length ?? 0} ${l}`).join(', ');
  console.log(`Exported ${counts} to ${file}.`);
});
