import { readDataVersion } from '../cache/data-version.store';
import { readRecords, type RecordLists } from '../dataset/dataset.export';
import type { Queryable } from '../db/sql';
import { DATASET_LISTS } from '../model/node-types';
import { insertChanges, type ChangeRow } from './change.store';

/**
 * The audit trail, which is also the change feed: every committed write appends one record per
 * dataset record it changed, with the record before and after in the dataset format (links
 * included, since a record owns its links), the data version it advanced to, and who made it.
 * Replaying the feed's records in order (importing each `after`, deleting each DELETE's slug)
 * brings a copy with the same starting data to the same state.
 */

/** Who writes: an API key, or a command-line tool. */
export interface Author {
  apiKeyId: number | null;
  /** `api key 3 (career site)`, `npm run import`. */
  actor: string;
}

/** The author a principal writes as. */
export function keyAuthor(key: { keyId: number; name: string }): Author {
  return { apiKeyId: key.keyId, actor: `api key ${key.keyId} (${key.name})` };
}

/** The author of a command-line tool. */
export function commandAuthor(script: string): Author {
  return { apiKeyId: null, actor: `npm run ${script}` };
}

type Action = 'CREATE' | 'UPDATE' | 'DELETE';

/** The records that differ between two readings of the same records, in dataset-list then slug order. */
export function diffRecords(
  before: RecordLists,
  after: RecordLists,
): { list: string; slug: string; action: Action; before: string | null; after: string | null }[] {
  const changes = [];
  for (const list of DATASET_LISTS) {
    const old = new Map(before[list].map((r) => [r.slug, JSON.stringify(r)]));
    const now = new Map(after[list].map((r) => [r.slug, JSON.stringify(r)]));
    const slugs = [...new Set([...old.keys(), ...now.keys()])].sort();
    for (const slug of slugs) {
      const [b, a] = [old.get(slug) ?? null, now.get(slug) ?? null];
      if (b === a) continue;
      changes.push({ list, slug, action: (b === null ? 'CREATE' : a === null ? 'DELETE' : 'UPDATE') as Action, before: b, after: a });
    }
  }
  return changes;
}

/** Appends the change records of a write, inside its transaction; returns how many. */
export async function recordChanges(
  db: Queryable,
  author: Author,
  operation: string,
  before: RecordLists,
  after: RecordLists,
  now = new Date(),
): Promise<number> {
  const changes = diffRecords(before, after);
  if (changes.length === 0) return 0;
  const dataVersion = await readDataVersion(db);
  const at = now.toISOString();
  await insertChanges(
    db,
    changes.map((c): Omit<ChangeRow, 'id'> => ({ ...c, dataVersion, at, apiKeyId: author.apiKeyId, actor: author.actor, operation })),
  );
  return changes.length;
}

/** Records a write that is summarised rather than itemised (an O*NET import): one IMPORT record. */
export async function recordImport(db: Queryable, author: Author, operation: string, slug: string, summary: unknown, now = new Date()) {
  await insertChanges(db, [
    {
      dataVersion: await readDataVersion(db),
      at: now.toISOString(),
      apiKeyId: author.apiKeyId,
      actor: author.actor,
      operation,
      list: 'imports',
      slug,
      action: 'IMPORT',
      before: null,
      after: JSON.stringify(summary),
    },
  ]);
}

/**
 * Runs a write that may touch any record (a dataset import) inside the caller's transaction, and
 * records every record it changed: the whole dataset is read before and after and compared.
 */
export async function auditedWrite(db: Queryable, author: Author, operation: string, write: () => Promise<void>): Promise<number> {
  const before = await readRecords(db);
  await write();
  return recordChanges(db, author, operation, before, await readRecords(db));
}
