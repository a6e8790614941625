import { DATASET_LISTS, type DatasetList } from '../model/node-types';

import { DATASET_FORMAT, type DATASET_SCHEMA, DATASET_VERSION, type Infer } from './dataset.schema';

export { DATASET_FORMAT, DATASET_VERSION };

/**
 * The records of the dataset interchange format (seeds/README.md), inferred from its one
 * definition, the JSON Schema in dataset.schema.ts. Links live inside the entity that owns them and
 * cite source slugs.
 */
export type Dataset = Infer<typeof DATASET_SCHEMA>;

type ListOf<K extends keyof Dataset> = NonNullable<Dataset[K]> extends readonly (infer R)[] ? R : never;

export type SourceRecord = ListOf<'sources'>;
export type CategoryRecord = ListOf<'categories'>;
export type SkillRecord = ListOf<'skills'>;
export type ToolRecord = ListOf<'tools'>;
export type ResponsibilityRecord = ListOf<'responsibilities'>;
export type RoleRecord = ListOf<'roles'>;

/** What every link record has. */
export interface LinkRecord {
  sources: string[];
}

/** The entity lists of a dataset, in the order they are loaded (declared by the model registry). */
export const ENTITY_LISTS = DATASET_LISTS;
export type EntityList = DatasetList;
