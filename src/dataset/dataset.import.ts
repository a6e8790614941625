import type { DataSource } from 'typeorm';
import { nodeKeyOfList } from '../model/node-types';
import { ENTITY_LISTS, type Dataset, type EntityList } from './dataset.format';
import { exportDataset } from './dataset.export';
import { auditedWrite, commandAuthor } from '../curation/change.service';
import { validateDatasetFiles } from './dataset.load';
import { linkFields, recordDefaults, writeDataset, WRITE_STEPS } from './dataset.mapping';

/** What an import did (or, in a dry run, would do) to each entity list. */
export type ImportSummary = Record<EntityList, { created: number; updated: number; unchanged: number }>;

/** The link lists of each record and the key that names their other end. */
const LINK_LISTS = Object.fromEntries(
  ENTITY_LISTS.map((list) => [list, linkFields(nodeKeyOfList(list)).map((l): [string, string] => [l.field, l.key])]),
) as Record<EntityList, [string, string][]>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted and nulls dropped, so equal records compare equal as text. */
function canonical(value: unknown): string {
  const walk = (v: unknown): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== null && (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, walk((v as Record<string, unknown>)[k])]),
      );
    }
    return v as Json;
  };
  return JSON.stringify(walk(value));
}

/** A file record in the form an export would write it; absent link lists keep what exists. */
function normalise(list: EntityList, record: Record<string, unknown>, existing: Record<string, unknown> | undefined) {
  const result: Record<string, unknown> = { ...recordDefaults(list), ...record };
  if (Array.isArray(result.sources)) result.sources = [...(result.sources as string[])].sort();
  for (const [field, key] of LINK_LISTS[list]) {
    const links = result[field] as Record<string, unknown>[] | undefined;
    if (links === undefined) {
      result[field] = existing?.[field] ?? [];
      continue;
    }
    result[field] = links
      .map((l): Record<string, unknown> => ({ ...l, sources: [...(l.sources as string[])].sort() }))
      .sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : String(a[key]) > String(b[key]) ? 1 : 0));
  }
  return result;
}

/** Compares a dataset with what the database holds, record by record. */
export function planImport(current: Dataset, incoming: Dataset): ImportSummary {
  const summary = Object.fromEntries(ENTITY_LISTS.map((l) => [l, { created: 0, updated: 0, unchanged: 0 }])) as ImportSummary;
  for (const list of ENTITY_LISTS) {
    const existing = new Map((current[list] ?? []).map((r) => [r.slug, r as unknown as Record<string, unknown>]));
    for (const record of incoming[list] ?? []) {
      const before = existing.get(record.slug);
      if (!before) summary[list].created++;
      else if (canonical(normalise(list, record as unknown as Record<string, unknown>, before)) === canonical(before))
        summary[list].unchanged++;
      else summary[list].updated++;
    }
  }
  return summary;
}

/** How many progress steps `importDatasetFile` reports. */
export function importSteps(dryRun: boolean): number {
  return dryRun ? 2 : 3 + WRITE_STEPS;
}

/**
 * Merges one dataset file into the database (upsert by slug), or with `dryRun` only reports what
 * it would do. Validation comes first and covers the whole file; the write is one transaction,
 * recorded in the audit trail as `npm run import`.
 */
export async function importDatasetFile(
  dataSource: DataSource,
  file: string,
  options: { dryRun?: boolean; onProgress?: (step: string) => void } = {},
): Promise<ImportSummary> {
  const [incoming] = await validateDatasetFiles(dataSource, [file]);
  options.onProgress?.('validated');
  const summary = planImport(await exportDataset(dataSource), incoming);
  options.onProgress?.('compared with the database');
  if (!options.dryRun) {
    options.onProgress?.('writing in one transaction');
    await dataSource.transaction((manager) =>
      auditedWrite(manager, commandAuthor('import'), 'import', () => writeDataset(manager, incoming, options.onProgress)),
    );
  }
  return summary;
}
