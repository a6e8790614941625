import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetSchemaJson } from '../dataset/dataset.schema';
import { printSortedSchema } from '../schema';
import { projectRoot } from '../shared/project-root';
import { runTool } from './cli';

/** `npm run schema`: writes the committed schemas, the sorted SDL and the dataset format's JSON Schema. */
runTool({ script: 'schema' }, async () => {
  writeFileSync(join(projectRoot(), 'schema.graphql'), await printSortedSchema());
  writeFileSync(join(projectRoot(), 'seeds', 'dataset.schema.json'), datasetSchemaJson());
  console.log('Wrote schema.graphql and seeds/dataset.schema.json');
});
