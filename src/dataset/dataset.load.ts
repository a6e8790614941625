import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import type { Queryable } from '../db/sql';
import { auditedWrite, commandAuthor, type Author } from '../curation/change.service';
import { ImportInvalidError } from '../import/import.errors';
import { countRows as countTable, selectRoleExternalCodes, selectSlugs } from '../import/import.store';
import { DATASET_LISTS, NODE_TYPES, nodeKeyOfList, type NodeKey } from '../model/node-types';
import { linkRelationKeys, RELATIONS } from '../model/relations';
import type { Dataset } from './dataset.format';
import { writeDataset } from './dataset.mapping';
import { emptyKnownSlugs, validateDataset, type KnownSlugs, type Problem } from './dataset.validate';
import { pushAll } from '../shared/arrays';

/** A dataset that failed validation; nothing was written. */
export class DatasetInvalidError extends ImportInvalidError<Problem> {
  constructor(problems: Problem[]) {
    super('The dataset', problems);
    this.name = 'DatasetInvalidError';
  }
}

/** Row counts of every table, to report what a load changed. */
export type TableCounts = Record<string, number>;

/** Every table a load writes: the node types' in load order, the link tables, and citations. */
const COUNTED = [
  ...DATASET_LISTS.map((list) => NODE_TYPES[nodeKeyOfList(list)].table),
  ...linkRelationKeys.map((relation) => RELATIONS[relation].storage.table),
  'citation',
] as const;

/** The number of rows in every table a load writes. */
export async function countRows(dataSource: DataSource): Promise<TableCounts> {
  const counts: TableCounts = {};
  for (const table of COUNTED) counts[table] = await countTable(dataSource, table);
  return counts;
}

/** Parses a dataset file, reporting unreadable or malformed JSON as a located problem. */
export function parseDatasetFile(file: string): { data?: unknown; problems: Problem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { problems: [{ file, path: '', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }] };
  }
  try {
    return { data: JSON.parse(text), problems: [] };
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${Number(position[1]) - before.lastIndexOf('\n')}`;
    }
    return { problems: [{ file, path: '', message: `is not valid JSON${where}: ${message}` }] };
  }
}

/** The dataset files of a seeds folder, in name order. */
export function datasetFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Every slug the database holds, by list; or, given `among` (the slugs a dataset names, from
 * `namedSlugs`), those of them it holds, which is all validation asks about.
 */
export async function knownSlugs(dataSource: Queryable, among?: ReadonlyMap<NodeKey, ReadonlySet<string>>): Promise<KnownSlugs> {
  const known = emptyKnownSlugs();
  for (const list of DATASET_LISTS) {
    const type: NodeKey = nodeKeyOfList(list);
    const only = among && [...(among.get(type) ?? [])];
    if (only?.length === 0) continue;
    for (const slug of await selectSlugs(dataSource, NODE_TYPES[type].table, only)) known[list].add(slug);
  }
  return known;
}

/**
 * Parses and validates dataset files together (each may refer to slugs in the others or in the
 * database) and returns them, or throws DatasetInvalidError listing every problem in every file.
 */
export async function validateDatasetFiles(dataSource: Queryable, files: readonly string[]): Promise<Dataset[]> {
  return validateDatasets(
    dataSource,
    files.map((file) => ({ file, ...parseDatasetFile(file) })),
  );
}

/**
 * Validates parsed datasets together (each may refer to slugs in the others or in the database)
 * and returns them, or throws DatasetInvalidError listing every problem.
 */
export async function validateDatasets(
  dataSource: Queryable,
  parsed: readonly { file: string; data?: unknown; problems: Problem[] }[],
): Promise<Dataset[]> {
  const problems = parsed.flatMap((p) => p.problems);
  const known = await knownSlugs(dataSource);
  const knownCodes = await selectRoleExternalCodes(dataSource);
  for (const { data } of parsed) {
    if (!data || typeof data !== 'object') continue;
    for (const list of DATASET_LISTS) {
      const items = (data as Record<string, unknown>)[list];
      if (Array.isArray(items)) items.forEach((item) => typeof item?.slug === 'string' && known[list].add(item.slug));
    }
  }
  for (const { file, data } of parsed) {
    if (data !== undefined) pushAll(problems, validateDataset(data, file, known, knownCodes));
  }
  if (problems.length) throw new DatasetInvalidError(problems);
  return parsed.map((p) => p.data as Dataset);
}

/**
 * Validates every file first, then writes them all in one transaction (with whatever `alongside`
 * writes too); any problem means nothing is written.
 */
export async function loadDatasetFiles(
  dataSource: DataSource,
  files: readonly string[],
  author: Author = commandAuthor('seed'),
  alongside: (manager: EntityManager) => Promise<void> = async () => {},
): Promise<{ before: TableCounts; after: TableCounts }> {
  const datasets = await validateDatasetFiles(dataSource, files);
  const before = await countRows(dataSource);
  await dataSource.transaction(async (manager) => {
    await auditedWrite(manager, author, 'seed', async () => {
      for (const data of datasets) await writeDataset(manager, data);
    });
    await alongside(manager);
  });
  return { before, after: await countRows(dataSource) };
}
