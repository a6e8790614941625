import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSortedSchema } from '../schema';
import { projectRoot } from '../shared/project-root';

/** `npm run schema`: writes the sorted SDL to schema.graphql. */
printSortedSchema().then(
  (sdl) => {
    writeFileSync(join(projectRoot(), 'schema.graphql'), sdl);
    console.log('Wrote schema.graphql');
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
