import { writeFileSync } from 'node:fs';
import { exportDataset, serializeDataset } from '../dataset/dataset.export';
import { runCli, UsageError } from './cli';

/** `npm run export -- <file>`: write the whole database in the interchange format. */
runCli(async (dataSource, args) => {
  if (args.length !== 1 || args[0].startsWith('--')) throw new UsageError('Usage: npm run export -- <file>');
  const dataset = await exportDataset(dataSource);
  writeFileSync(args[0], serializeDataset(dataset));
  const counts = (['roles', 'skills', 'tools', 'responsibilities'] as const).map((l) => `${dataset[l]?.length ?? 0} ${l}`).join(', ');
  console.log(`Exported ${counts} to ${args[0]}.`);
});
