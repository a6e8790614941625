import type { DataSource, EntityManager } from 'typeorm';
import { readRecords, type ExportRecord, type RecordLists } from '../dataset/dataset.export';
import { DATASET_FORMAT, DATASET_VERSION, type Dataset } from '../dataset/dataset.format';
import { knownSlugs } from '../dataset/dataset.load';
import { namedSlugs, SCALAR_FIELDS, writeDataset } from '../dataset/dataset.mapping';
import { validateDataset } from '../dataset/dataset.validate';
import { selectRoleExternalCodes, selectRows } from '../import/import.store';
import { ImportWriter } from '../import/import.writer';
import { DATASET_LISTS, NODE_TYPES, nodeKeyOfList, type DatasetList, type NodeKey } from '../model/node-types';
import { foreignKeyOf, linkRelationKeys, RELATIONS, relationKeys } from '../model/relations';
import { ONET_SOURCE_SLUG } from '../onet/onet.mapping';
import { recordChanges, type Author } from './change.service';
import { refsBySlug, type EntityRef } from './curation.store';
import { UserErrorCode, type UserError } from './user-error';

/*
 * How a mutation writes. Each runs in one transaction, through the one import engine: it reads the
 * dataset records it will change, builds the records it wants, and hands them to `writeDataset`
 * (or deletes through `ImportWriter.deleteEntities`), so the data version, the citations, the
 * search index and the precomputed role similarity follow exactly as they do for an import. Then it
 * reads the records again and appends what differs to the audit trail. A mutation that finds a
 * problem reports it as a userError and the transaction rolls back: nothing is written.
 *
 * Writes are serialised per DataSource: SQLite has one writer, and TypeORM's one connection cannot
 * hold two transactions at once.
 */

/**
 * The sources contributing importers cite as. Deleting an entity one of them cites leaves a
 * tombstone, so that importer does not create it again (src/import/tombstone.entity.ts).
 */
const CONTRIBUTING_SOURCES = [ONET_SOURCE_SLUG];

const queues = new WeakMap<DataSource, Promise<unknown>>();

/** Runs `task` after every write queued before it on the same database. */
function serialised<T>(dataSource: DataSource, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(
    dataSource,
    next.catch(() => undefined),
  );
  return next;
}

class Rollback extends Error {}

/** What a write ends with: its result, or the problems that stopped it. */
export interface Outcome<T> {
  value?: T;
  userErrors: UserError[];
}

/**
 * Runs one curation write: `body` reports problems with `fail` (and returns early); if it reported
 * any, everything it wrote is rolled back. Otherwise its changes are recorded and committed.
 */
export function curate<T>(
  dataSource: DataSource,
  author: Author,
  operation: string,
  body: (write: Curation) => Promise<T>,
): Promise<Outcome<T>> {
  return serialised(dataSource, async () => {
    let userErrors: UserError[] = [];
    try {
      const value = await dataSource.transaction(async (manager) => {
        const write = new Curation(manager);
        const result = await body(write);
        userErrors = write.errors;
        if (userErrors.length) throw new Rollback();
        await write.record(author, operation);
        return result;
      });
      return { value, userErrors: [] };
    } catch (error) {
      if (error instanceof Rollback) return { userErrors };
      throw error;
    }
  });
}

/** One write in progress, inside its transaction. */
export class Curation {
  readonly errors: UserError[] = [];
  private readonly touched = new Map<DatasetList, Set<number>>();
  private readonly before = Object.fromEntries(DATASET_LISTS.map((list) => [list, []])) as unknown as RecordLists;

  /** The whole dataset before the write, when it may touch any record (`everything`). */
  private whole: RecordLists | null = null;

  constructor(readonly manager: EntityManager) {}

  /** Runs a write that may change any record (a dataset import): the audit trail compares the whole dataset. */
  async everything(write: () => Promise<void>): Promise<void> {
    this.whole ??= await readRecords(this.manager);
    await write();
  }

  /** Reports a problem with the input field at `field` (the path after `input`). */
  fail(field: readonly string[], message: string, code: UserErrorCode): void {
    this.errors.push({ field: ['input', ...field], message, code });
  }

  /** The rows of `type` with these slugs, each missing one reported as NOT_FOUND at `field`. */
  async find(type: NodeKey, slugs: readonly string[], field: readonly string[]): Promise<Map<string, EntityRef>> {
    const found = new Map((await refsBySlug(this.manager, type, [...new Set(slugs)])).map((ref) => [ref.slug, ref]));
    slugs.forEach((slug, i) => {
      if (!found.has(slug)) {
        const at = slugs.length > 1 || field[field.length - 1] === 'sources' ? [...field, String(i)] : field;
        this.fail(at, `No ${NODE_TYPES[type].graphqlType.toLowerCase()} has the slug "${slug}".`, UserErrorCode.NOT_FOUND);
      }
    });
    return found;
  }

  /** Whether a row of `type` has this slug. */
  async exists(type: NodeKey, slug: string): Promise<boolean> {
    return (await refsBySlug(this.manager, type, [slug])).length > 0;
  }

  /** The row of `type` with this slug, or undefined (reported as NOT_FOUND at `field`). */
  async findOne(type: NodeKey, slug: string, field: readonly string[]): Promise<EntityRef | undefined> {
    return (await this.find(type, [slug], field)).get(slug);
  }

  /** Reports CONFLICT unless the row is at the expected revision (when one is given). */
  checkRevision(ref: EntityRef, expected: number | undefined | null): void {
    if (expected === undefined || expected === null || expected === ref.revision) return;
    this.fail(
      ['expectedRevision'],
      `"${ref.slug}" is at revision ${ref.revision}, not ${expected}: it changed since you read it. Read it again, then retry.`,
      UserErrorCode.CONFLICT,
    );
  }

  /** Reads the records of these rows (remembering, the first time, how they were before the write), by row id. */
  async touch(list: DatasetList, ids: readonly number[]): Promise<Map<number, ExportRecord>> {
    const seen = this.touched.get(list) ?? new Set<number>();
    this.touched.set(list, seen);
    const current = (await readRecords(this.manager, { [list]: [...ids] }))[list];
    const bySlug = new Map(current.map((r) => [r.slug, r]));
    const refs = await refsBySlug(this.manager, nodeKeyOfList(list), [...bySlug.keys()]);
    const byId = new Map(refs.map((ref) => [ref.id, bySlug.get(ref.slug)!]));
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const record = byId.get(id);
      if (record) this.before[list].push(structuredClone(record));
    }
    return byId;
  }

  /** Marks rows created by this write, so the audit trail records them. */
  async created(type: NodeKey, slugs: readonly string[]): Promise<void> {
    const list = NODE_TYPES[type].datasetList;
    const seen = this.touched.get(list) ?? new Set<number>();
    for (const ref of await refsBySlug(this.manager, type, slugs)) seen.add(ref.id);
    this.touched.set(list, seen);
  }

  /**
   * Writes records through the import engine, after checking them as an import would (anything
   * it finds is reported at `field`; the mutation's own checks should leave nothing for it).
   */
  async write(records: Partial<RecordLists>, field: readonly string[] = []): Promise<boolean> {
    const dataset = { format: DATASET_FORMAT, version: DATASET_VERSION, ...records } as unknown as Dataset;
    const codes = (records.roles ?? []).flatMap((role) => (typeof role.externalCode === 'string' ? [role.externalCode] : []));
    const known = await knownSlugs(this.manager, namedSlugs(records));
    const problems = validateDataset(dataset, 'input', known, await selectRoleExternalCodes(this.manager, codes));
    for (const problem of problems) this.fail(field, `${problem.path}: ${problem.message}`, UserErrorCode.INVALID);
    if (problems.length) return false;
    await writeDataset(this.manager, dataset);
    return true;
  }

  /**
   * Deletes rows and everything naming them, through the import engine; the records that listed
   * links to them or referred to them are touched first, so the audit trail has their change too.
   * Returns how many links and references went.
   */
  async remove(type: NodeKey, ids: readonly number[]): Promise<number> {
    for (const [neighbour, rowIds] of await this.neighbours(type, ids)) await this.touch(NODE_TYPES[neighbour].datasetList, rowIds);
    await this.touch(NODE_TYPES[type].datasetList, ids);
    const writer = new ImportWriter(this.manager);
    await writer.loadCitations({ mode: 'authoritative' }, 'touched');
    const has = (field: string) => SCALAR_FIELDS[NODE_TYPES[type].datasetList].some((f) => f.field === field);
    const columns = ['slug', ...['externalCode', 'name', 'aliases'].filter(has)];
    const rows = await selectRows(this.manager, NODE_TYPES[type].table, columns, { column: 'id', values: ids });
    const contributing = await refsBySlug(this.manager, 'source', CONTRIBUTING_SOURCES);
    await writer.bury(
      type,
      rows.map((row) => ({
        id: row.id,
        slug: row.slug as string,
        externalCode: (row.externalCode as string | undefined) ?? null,
        names: [row.name, ...(JSON.parse((row.aliases as string | undefined) ?? '[]') as unknown[])].filter((n) => typeof n === 'string'),
      })),
      contributing.map((ref) => ref.id),
    );
    const { links } = await writer.deleteEntities(type, ids);
    await writer.finish();
    return links;
  }

  /** Rows of other records that list links to these rows or refer to them. */
  private async neighbours(type: NodeKey, ids: readonly number[]): Promise<Map<NodeKey, number[]>> {
    const found = new Map<NodeKey, Set<number>>();
    const add = (key: NodeKey, id: number) => found.set(key, (found.get(key) ?? new Set()).add(id));
    for (const relation of linkRelationKeys) {
      const spec = RELATIONS[relation];
      const symmetric = spec.storage.kind === 'symmetric';
      const table = spec.storage.table;
      if (spec.to.type === type) {
        for (const row of await selectRows(this.manager, table, [spec.from.column], { column: spec.to.column, values: ids }))
          add(spec.from.type, Number(row[spec.from.column]));
      }
      if (symmetric && spec.from.type === type) {
        for (const row of await selectRows(this.manager, table, [spec.to.column], { column: spec.from.column, values: ids }))
          add(spec.to.type, Number(row[spec.to.column]));
      }
    }
    for (const relation of relationKeys) {
      const spec = RELATIONS[relation];
      const column = foreignKeyOf(spec);
      if (!column || spec.to.type !== type) continue;
      for (const row of await selectRows(this.manager, NODE_TYPES[spec.from.type].table, [], { column, values: ids }))
        add(spec.from.type, row.id);
    }
    return new Map([...found].map(([key, set]) => [key, [...set].filter((id) => key !== type || !ids.includes(id))]));
  }

  /** Appends the changes of every touched record to the audit trail. */
  async record(author: Author, operation: string): Promise<void> {
    if (this.whole) {
      await recordChanges(this.manager, author, operation, this.whole, await readRecords(this.manager));
      return;
    }
    const only = Object.fromEntries([...this.touched].map(([list, ids]) => [list, [...ids]]));
    await recordChanges(this.manager, author, operation, this.before, await readRecords(this.manager, only));
  }
}
