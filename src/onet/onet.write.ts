import type { EntityManager } from 'typeorm';
import { insertRows, placeholders, updateRows } from '../dataset/dataset.write';
import { citationKey, type CitationSubject } from '../source/citation.entity';
import { emptyEntityCounts, emptyLinkCounts, type EntityCounts, type LinkCounts } from './onet.summary';

/*
 * The import writes only what differs from the database: new rows are inserted, changed rows are
 * updated by id, unchanged rows are not touched at all. That keeps row ids stable and makes a
 * second import of the same release write nothing (an upsert would still bump SQLite's
 * AUTOINCREMENT counters), and it tells the summary what was created, updated and left alone.
 */

const CHUNK = 400;

/** A row as SQLite returns it. */
export type DbRow = Record<string, unknown> & { id: number };

/** Deletes rows by id, one statement per chunk. */
async function deleteIds(
  manager: EntityManager,
  table: string,
  ids: readonly number[],
  where = '"id"',
  params: unknown[] = [],
): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await manager.query(`DELETE FROM "${table}" WHERE ${where} IN (${placeholders(chunk.length)})`, [...params, ...chunk]);
  }
}

async function maxId(manager: EntityManager, table: string): Promise<number> {
  const [row] = await manager.query(`SELECT COALESCE(MAX("id"), 0) AS "max" FROM "${table}"`);
  return Number(row.max);
}

/** SQLite keeps booleans as 0/1: compare stored and wanted values on that footing. */
function stored(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

function differs(row: Record<string, unknown>, columns: readonly string[], values: readonly unknown[]): boolean {
  return columns.some((column, i) => stored(row[column]) !== stored(values[i]));
}

/**
 * Who stands behind each subject. A subject cited by any source other than O*NET is curated: the
 * import reuses it and only adds its citation. Every other subject (cited by O*NET alone, or by
 * nothing) is O*NET's to rewrite. Since the import never removes a curated citation, the split is
 * the same on every run, which keeps re-imports idempotent.
 */
export class Citations {
  private readonly pending: unknown[][] = [];
  added = 0;
  removed = 0;

  private constructor(
    private readonly sourceId: number,
    private readonly curated: Set<string>,
    private readonly cited: Set<string>,
  ) {}

  static async load(manager: EntityManager, sourceId: number): Promise<Citations> {
    const rows: { subjectType: CitationSubject; subjectId: number; sourceId: number }[] = await manager.query(
      `SELECT "subjectType", "subjectId", "sourceId" FROM "citation"`,
    );
    const curated = new Set<string>();
    const cited = new Set<string>();
    for (const row of rows) (Number(row.sourceId) === sourceId ? cited : curated).add(citationKey(row.subjectType, Number(row.subjectId)));
    return new Citations(sourceId, curated, cited);
  }

  isCurated(subject: CitationSubject, id: number): boolean {
    return this.curated.has(citationKey(subject, id));
  }

  /** Makes the subject cite O*NET; the row is written by `flush`. */
  cite(subject: CitationSubject, id: number): void {
    const key = citationKey(subject, id);
    if (this.cited.has(key)) return;
    this.cited.add(key);
    this.pending.push([subject, id, this.sourceId]);
  }

  /** Deletes every citation of subjects that are being deleted. */
  async remove(manager: EntityManager, subject: CitationSubject, ids: readonly number[]): Promise<void> {
    for (const id of ids) {
      const key = citationKey(subject, id);
      if (this.cited.delete(key)) this.removed++;
      if (this.curated.delete(key)) this.removed++;
    }
    await deleteIds(manager, 'citation', ids, `"subjectType" = ? AND "subjectId"`, [subject]);
  }

  async flush(manager: EntityManager): Promise<void> {
    await insertRows(manager, 'citation', ['subjectType', 'subjectId', 'sourceId'], this.pending);
    this.added += this.pending.length;
    this.pending.length = 0;
  }
}

/** One entity the release describes: the row it matched, if any, and the values it wants. */
export interface EntityPlan {
  existing?: DbRow;
  /** Values for a new row, by column (slug included). */
  values: Record<string, unknown>;
}

export interface EntityTable {
  table: string;
  subject: CitationSubject;
  /** Columns rewritten on rows O*NET owns. */
  owned: readonly string[];
  /** Columns rewritten even on curated rows: facts only O*NET states (a role's job zone). */
  curated: readonly string[];
}

/**
 * Brings one entity table in line with the plans and cites O*NET on every row the release names.
 * Returns the row id of each plan.
 */
export async function syncEntities(
  manager: EntityManager,
  spec: EntityTable,
  plans: readonly EntityPlan[],
  citations: Citations,
): Promise<{ idOf: Map<EntityPlan, number>; counts: EntityCounts }> {
  const counts = emptyEntityCounts();
  const idOf = new Map<EntityPlan, number>();
  const updates = { owned: [] as unknown[][], curated: [] as unknown[][] };
  const created: EntityPlan[] = [];
  for (const plan of plans) {
    const { existing, values } = plan;
    if (!existing) {
      created.push(plan);
      continue;
    }
    idOf.set(plan, existing.id);
    const curated = citations.isCurated(spec.subject, existing.id);
    const columns = curated ? spec.curated : spec.owned;
    const wanted = columns.map((column) => values[column]);
    const changed = differs(existing, columns, wanted);
    if (changed) updates[curated ? 'curated' : 'owned'].push([existing.id, ...wanted]);
    counts[curated ? 'reused' : changed ? 'updated' : 'unchanged']++;
  }
  await updateRows(manager, spec.table, spec.owned, updates.owned);
  await updateRows(manager, spec.table, spec.curated, updates.curated);

  if (created.length) {
    const before = await maxId(manager, spec.table);
    const columns = Object.keys(created[0].values);
    const rows = created.map((plan) => columns.map((column) => plan.values[column]));
    await insertRows(manager, spec.table, columns, rows);
    const inserted: { id: number; slug: string }[] = await manager.query(`SELECT "id", "slug" FROM "${spec.table}" WHERE "id" > ?`, [
      before,
    ]);
    const idBySlug = new Map(inserted.map((row) => [row.slug, Number(row.id)]));
    created.forEach((plan) => idOf.set(plan, idBySlug.get(plan.values.slug as string)!));
    counts.created = created.length;
  }
  idOf.forEach((id) => citations.cite(spec.subject, id));
  return { idOf, counts };
}

/** A link table between a role and something else, and which of its columns O*NET states. */
export interface LinkTable {
  table: string;
  subject: CitationSubject;
  /** The column naming the other end (skillId, toolId, …). */
  target: string;
  /** Columns curated links state too (importance): rewritten only on links O*NET owns. */
  shared: readonly string[];
  /** Columns only O*NET states: rewritten on every link the release asserts. */
  onet: readonly string[];
}

/** One link the release asserts; `values` follow `shared` then `onet`. */
export interface WantedLink {
  roleId: number;
  targetId: number;
  values: unknown[];
}

export const linkKey = (roleId: number, targetId: number) => `${roleId}:${targetId}`;

/**
 * Makes the links of the release's roles exactly what the release asserts: inserts new pairs,
 * updates changed ones in place (their ids survive), and deletes O*NET-owned links the release no
 * longer lists, with their citations. Curated links are never deleted.
 */
export async function syncLinks(
  manager: EntityManager,
  spec: LinkTable,
  roleIds: ReadonlySet<number>,
  wanted: ReadonlyMap<string, WantedLink>,
  citations: Citations,
): Promise<LinkCounts> {
  const counts = emptyLinkCounts();
  const columns = [...spec.shared, ...spec.onet];
  const rows: DbRow[] = await manager.query(
    `SELECT "id", "roleId", "${spec.target}" AS "targetId"${columns.map((c) => `, "${c}"`).join('')} FROM "${spec.table}"`,
  );
  let before = 0;
  const existing = new Map<string, DbRow>();
  for (const row of rows) {
    row.id = Number(row.id);
    before = Math.max(before, row.id);
    existing.set(linkKey(Number(row.roleId), Number(row.targetId)), row);
  }

  const inserts: unknown[][] = [];
  const updates = { owned: [] as unknown[][], curated: [] as unknown[][] };
  for (const [key, link] of wanted) {
    const row = existing.get(key);
    if (!row) {
      inserts.push([link.roleId, link.targetId, ...link.values]);
      continue;
    }
    const curated = citations.isCurated(spec.subject, row.id);
    const values = curated ? link.values.slice(spec.shared.length) : link.values;
    if (differs(row, curated ? spec.onet : columns, values)) {
      updates[curated ? 'curated' : 'owned'].push([row.id, ...values]);
      counts.updated++;
    } else counts.unchanged++;
    citations.cite(spec.subject, row.id);
  }

  const stale = rows
    .filter((row) => roleIds.has(Number(row.roleId)) && !wanted.has(linkKey(Number(row.roleId), Number(row.targetId))))
    .filter((row) => !citations.isCurated(spec.subject, row.id))
    .map((row) => row.id);
  await citations.remove(manager, spec.subject, stale);
  await deleteIds(manager, spec.table, stale);
  counts.deleted = stale.length;

  await updateRows(manager, spec.table, columns, updates.owned);
  await updateRows(manager, spec.table, spec.onet, updates.curated);
  await insertRows(manager, spec.table, ['roleId', spec.target, ...columns], inserts);
  if (inserts.length) {
    const created: { id: number }[] = await manager.query(`SELECT "id" FROM "${spec.table}" WHERE "id" > ?`, [before]);
    created.forEach((row) => citations.cite(spec.subject, Number(row.id)));
    counts.created = created.length;
  }
  return counts;
}
