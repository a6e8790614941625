import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSortedSchema } from '../schema';
import { projectRoot } from '../shared/project-root';
import { runTool } from './cli';

/** `npm run schema`: writes the sorted SDL to schema.graphql. */
runTool({ script: 'schema' }, async () => {
  writeFileSync(join(projectRoot(), 'schema.graphql'), await printSortedSchema());
  console.log('Wrote schema.graphql');
});
