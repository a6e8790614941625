import { advanceDataVersion } from '../cache/data-version.store';
import { RoleSimilarityChanges } from '../graph/role-similarity.service';
import type { Queryable, SqlValue } from '../db/sql';
import { NODE_TYPES, type NodeKey } from '../model/node-types';
import {
  foreignKeyOf,
  linkRelationKeys,
  RELATIONS,
  relationKeys,
  type AttributeSpec,
  type CitationSubject,
  type LinkRelationKey,
  type LinkTable,
} from '../model/relations';
import { CitationLedger, type Authority, type LedgerScope } from './citations';
import { normaliseName } from './slug';
import {
  clearReferences,
  deleteRetractionsOf,
  deleteRows,
  deleteTombstones,
  insertRows,
  insertTombstones,
  maxId,
  selectRetractions,
  selectRows,
  selectRowsAfter,
  selectTombstones,
  updateRows,
  type StoredRow,
  type TombstoneRow,
} from './import.store';

/*
 * The one write engine: every importer (dataset files, O*NET) plans what it wants, and this
 * writes only what differs from the database. New rows are inserted, changed rows are updated by
 * id, unchanged rows are not touched at all. That keeps row ids stable and makes a second import of
 * the same data write nothing (an upsert would still bump SQLite's AUTOINCREMENT counters), and it
 * tells the summary what was created, updated and left alone.
 */

/** What an import did to one kind of entity. */
export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Curated entities a contributing import also names: only its citation was added. */
  reused: number;
  /** Entities a contributing import names that a curator deleted (src/import/tombstone.entity.ts): not created again. */
  skipped: number;
}

/** What an import did to one link relation (only links of the owners it lists are considered). */
export interface LinkCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Links the importer had asserted that it no longer lists. */
  deleted: number;
}

export function emptyEntityCounts(): EntityCounts {
  return { created: 0, updated: 0, unchanged: 0, reused: 0, skipped: 0 };
}

export function emptyLinkCounts(): LinkCounts {
  return { created: 0, updated: 0, unchanged: 0, deleted: 0 };
}

/** One entity an importer describes: the row it matched, if any, and the values it wants. */
export interface EntityPlan {
  existing?: StoredRow;
  /** Values by column; a new row gets all of them (slug included). */
  values: Record<string, unknown>;
  /** Source ids an authoritative import cites it with. */
  sources?: readonly number[];
}

/** Which columns an importer rewrites on the rows of one node type. */
export interface EntityWrite {
  type: NodeKey;
  /** Columns rewritten on rows the importer owns. */
  owned: readonly string[];
  /** Columns rewritten even on curated rows: facts only this importer states (a role's job zone). */
  external?: readonly string[];
}

/** One link an importer asserts, by the row ids of its ends. */
export interface WantedLink {
  from: number;
  to: number;
  /** Values of the relation's attributes, by column. */
  values: Record<string, unknown>;
  /** Source ids an authoritative import cites it with. */
  sources?: readonly number[];
}

/** The key of a pair in a `wanted` map. */
export const pairKey = (from: number, to: number) => `${from}:${to}`;

/** SQLite reads booleans back as 0/1 (PostgreSQL as booleans): compare values on that footing. */
function stored(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

/** A value as written: booleans stay booleans, which SQLite binds as 1/0 and PostgreSQL needs as they are. */
const written = (value: unknown): unknown => value ?? null;

function differs(row: Record<string, unknown>, columns: readonly string[], values: readonly unknown[]): boolean {
  return columns.some((column, i) => stored(row[column]) !== stored(values[i]));
}

/** A relation's attribute columns, split by who states them (src/model/relations.ts `statedBy`). */
function attributeColumns(attributes: readonly AttributeSpec[]) {
  return {
    all: attributes.map((a) => a.column),
    external: attributes.filter((a) => a.statedBy === 'external').map((a) => a.column),
  };
}

/**
 * Writes an import inside the caller's transaction. One writer per import: it holds the
 * citations, which `flush` writes.
 */
export class ImportWriter {
  private ledger: CitationLedger | undefined;
  private tombstones: TombstoneRow[] = [];
  private versionAdvanced = false;
  private readonly similarity = new RoleSimilarityChanges();

  constructor(private readonly db: Queryable) {}

  /**
   * Says who is importing and reads the citations: all of them (`whole`, for an importer that goes
   * over most of the database), or, with `touched`, each subject as the writer comes to it (a
   * mutation's few records). Needed before writing cited rows or links; a contributing import
   * writes its own Source row first, since its authority is that row's id.
   */
  async loadCitations(authority: Authority, scope: LedgerScope = 'whole'): Promise<void> {
    this.ledger = await CitationLedger.load(this.db, authority, scope);
    this.tombstones = await selectTombstones(this.db);
  }

  /** Reads the citations of rows of a cited node type (see `CitationLedger.need`). */
  private needCitations(type: NodeKey, ids: Iterable<number>): Promise<void> {
    return this.citations.need(this.db, type as CitationSubject, ids);
  }

  /** Whether this writer has changed anything yet (and so advanced the data version). */
  get changed(): boolean {
    return this.versionAdvanced;
  }

  get citations(): CitationLedger {
    if (!this.ledger) throw new Error('ImportWriter.loadCitations must run before cited rows are written');
    return this.ledger;
  }

  /** The stored rows of a node type, with the columns a mapping plans against. */
  rows(type: NodeKey, columns: readonly string[], where?: { column: string; values: readonly SqlValue[] }): Promise<StoredRow[]> {
    return selectRows(this.db, NODE_TYPES[type].table, columns, where);
  }

  /**
   * Brings the rows of one node type in line with the plans and cites every row planned (cited
   * types only). Returns the row id of each plan.
   */
  async syncEntities(spec: EntityWrite, plans: readonly EntityPlan[]): Promise<{ idOf: Map<EntityPlan, number>; counts: EntityCounts }> {
    const table = NODE_TYPES[spec.type].table;
    const cited = NODE_TYPES[spec.type].cited;
    const external = spec.external ?? [];
    const counts = emptyEntityCounts();
    const idOf = new Map<EntityPlan, number>();
    const updates = { owned: [] as unknown[][], curated: [] as unknown[][] };
    const created: EntityPlan[] = [];
    const buried = this.buried(spec.type, plans);
    // The O*NET Source row is written before the citations load: no tombstones apply to it.
    const contributing = this.ledger?.authority.mode === 'contributing';
    if (cited)
      await this.needCitations(
        spec.type,
        plans.flatMap((plan) => (plan.existing ? [plan.existing.id] : [])),
      );
    for (const plan of plans) {
      const { existing, values } = plan;
      if (!existing && contributing && buried.has(plan)) {
        counts.skipped++;
        continue;
      }
      if (!existing) {
        created.push(plan);
        continue;
      }
      idOf.set(plan, existing.id);
      const curated = cited && this.citations.isCurated(spec.type as CitationSubject, existing.id);
      const columns = curated ? external : spec.owned;
      const wanted = columns.map((column) => written(values[column]));
      const changed = differs(existing, columns, wanted);
      if (changed) updates[curated ? 'curated' : 'owned'].push([existing.id, ...wanted]);
      counts[curated ? 'reused' : changed ? 'updated' : 'unchanged']++;
    }
    await this.changing(updates.owned.length + updates.curated.length + created.length);
    // An authoritative import states its records exactly: writing one lifts its tombstone.
    if (!contributing) await this.lift(spec.type, [...buried.values()]);
    await updateRows(this.db, table, spec.owned, updates.owned, { revise: true });
    await updateRows(this.db, table, external, updates.curated, { revise: true });

    if (created.length) {
      const before = await maxId(this.db, table);
      const columns = Object.keys(created[0].values);
      await insertRows(
        this.db,
        table,
        columns,
        created.map((plan) => columns.map((column) => written(plan.values[column]))),
      );
      const inserted = await selectRowsAfter(this.db, table, ['slug'], before);
      const idBySlug = new Map(inserted.map((row) => [row.slug as string, row.id]));
      created.forEach((plan) => idOf.set(plan, idBySlug.get(plan.values.slug as string)!));
      counts.created = created.length;
    }
    if (cited) {
      await this.needCitations(spec.type, idOf.values());
      idOf.forEach((id, plan) => this.citations.cite(spec.type as CitationSubject, id, plan.sources));
    }
    return { idOf, counts };
  }

  /**
   * The plans that name an entity a curator deleted, with its tombstone: by slug, by external
   * code (a role O*NET would mint another slug for is still the same occupation), or by name (a
   * tool O*NET matched by one of its aliases would get a slug made from O*NET's name).
   */
  private buried(type: NodeKey, plans: readonly EntityPlan[]): Map<EntityPlan, TombstoneRow> {
    const found = new Map<EntityPlan, TombstoneRow>();
    const own = this.tombstones.filter((t) => t.nodeType === type);
    if (own.length === 0) return found;
    const bySlug = new Map(own.map((t) => [t.slug, t]));
    const byCode = new Map(own.filter((t) => t.externalCode !== null).map((t) => [t.externalCode!, t]));
    const byName = new Map(own.flatMap((t) => t.names.map((name) => [name, t] as const)));
    for (const plan of plans) {
      const { externalCode: code, name } = plan.values;
      const tombstone =
        bySlug.get(plan.values.slug as string) ??
        (typeof code === 'string' ? byCode.get(code) : undefined) ??
        (typeof name === 'string' ? byName.get(normaliseName(name)) : undefined);
      if (tombstone) found.set(plan, tombstone);
    }
    return found;
  }

  private async lift(type: NodeKey, tombstones: readonly TombstoneRow[]): Promise<void> {
    if (tombstones.length === 0) return;
    await deleteTombstones(this.db, type, [...new Set(tombstones.map((t) => t.slug))]);
    this.tombstones = this.tombstones.filter((t) => !tombstones.includes(t));
  }

  /**
   * Leaves a tombstone (src/import/tombstone.entity.ts) for each of these rows that a contributing
   * importer could assert again: one cited by any of `sources` (the contributing importers'), one
   * carrying an external taxonomy's code, and every category (categories carry no citations, so
   * nothing tells whose one was; an importer then leaves its slug alone until someone writes it
   * again). `names` are the row's name and aliases. Call it before `deleteEntities`, which forgets
   * the citations. Returns how many it left.
   */
  async bury(
    type: NodeKey,
    rows: readonly { id: number; slug: string; externalCode?: string | null; names?: readonly string[] }[],
    sources: readonly number[],
  ): Promise<number> {
    const cited = NODE_TYPES[type].cited;
    if (cited)
      await this.needCitations(
        type,
        rows.map((row) => row.id),
      );
    const asserted = rows.filter(
      (row) =>
        type === 'category' ||
        (row.externalCode ?? null) !== null ||
        (cited && this.citations.citedBy(type as CitationSubject, row.id, sources)),
    );
    const tombstones = asserted.map((row) => ({
      nodeType: type,
      slug: row.slug,
      externalCode: row.externalCode ?? null,
      names: [...new Set((row.names ?? []).map(normaliseName))],
    }));
    await insertTombstones(this.db, tombstones);
    this.tombstones.push(...tombstones);
    return tombstones.length;
  }

  /** Sets one column on rows by id where it differs from the stored row: a foreign key written after its targets exist. */
  async syncColumn(
    type: NodeKey,
    column: string,
    wanted: readonly { row: StoredRow | undefined; id: number; value: unknown }[],
  ): Promise<void> {
    const changed = wanted.filter((w) => stored(w.row?.[column]) !== stored(w.value)).map((w) => [w.id, written(w.value)]);
    await this.changing(changed.length);
    await updateRows(this.db, NODE_TYPES[type].table, [column], changed, { revise: true });
  }

  /**
   * Makes the links of `owners` exactly what `wanted` asserts: inserts new pairs, updates changed
   * ones in place (their ids survive), and deletes the owners' other links with their citations.
   * Curated links are never deleted, and on them only `external` attributes are rewritten. A
   * symmetric relation is stored once per pair, lower row id first, and an owner's links are the
   * pairs touching it on either side.
   */
  async syncLinks(relation: LinkRelationKey, owners: Iterable<number>, wanted: ReadonlyMap<string, WantedLink>): Promise<LinkCounts> {
    const spec = RELATIONS[relation];
    const table = spec.storage.table as LinkTable;
    const subject: CitationSubject = table;
    const symmetric = spec.storage.kind === 'symmetric';
    const columns = attributeColumns(spec.attributes);
    const counts = emptyLinkCounts();
    const ownerIds = [...new Set(owners)];
    if (ownerIds.length === 0) return counts;

    const read = [spec.from.column, spec.to.column, ...columns.all];
    const rows = new Map<number, StoredRow>();
    for (const end of symmetric ? [spec.from, spec.to] : [spec.from]) {
      for (const row of await selectRows(this.db, table, read, { column: end.column, values: ownerIds })) rows.set(row.id, row);
    }
    const keyOf = (row: StoredRow) => pairKey(Number(row[spec.from.column]), Number(row[spec.to.column]));
    const existing = new Map([...rows.values()].map((row) => [keyOf(row), row]));
    await this.citations.need(this.db, subject, rows.keys());
    const links = new Map<string, WantedLink>();
    for (const link of wanted.values()) {
      const [from, to] = symmetric && link.to < link.from ? [link.to, link.from] : [link.from, link.to];
      links.set(pairKey(from, to), { ...link, from, to });
    }
    // A contributing importer does not assert again a link a curator removed (src/import/retraction.entity.ts).
    if (this.citations.authority.mode === 'contributing') {
      for (const key of await selectRetractions(this.db, table)) links.delete(key);
    }

    const inserts: unknown[][] = [];
    const updates = { owned: [] as unknown[][], curated: [] as unknown[][] };
    // Links whose attributes stay but whose number of sources changes: their weight changes.
    const resupported: StoredRow[] = [];
    for (const [key, link] of links) {
      const row = existing.get(key);
      if (!row) {
        inserts.push([link.from, link.to, ...columns.all.map((c) => written(link.values[c]))]);
        continue;
      }
      const curated = this.citations.isCurated(subject, row.id);
      const writes = curated ? columns.external : columns.all;
      const values = writes.map((c) => written(link.values[c]));
      const changed = differs(row, writes, values);
      if (changed) {
        updates[curated ? 'curated' : 'owned'].push([row.id, ...values]);
        counts.updated++;
      } else counts.unchanged++;
      if (this.citations.cite(subject, row.id, link.sources) && !changed) resupported.push(row);
    }

    const staleRows = [...existing.entries()].filter(([key, row]) => !links.has(key) && !this.citations.isCurated(subject, row.id));
    const stale = staleRows.map(([, row]) => row.id);
    if (RoleSimilarityChanges.reads(relation)) {
      const ends = (row: StoredRow) => [row[spec.from.column], row[spec.to.column]];
      const updated = [...[...updates.owned, ...updates.curated].map(([id]) => rows.get(id as number)!), ...resupported].map(ends);
      for (const [from, to] of inserts) this.similarity.note(relation, Number(from), Number(to), 'added');
      for (const [from, to] of updated) this.similarity.note(relation, Number(from), Number(to), 'changed');
      for (const [from, to] of staleRows.map(([, row]) => ends(row))) this.similarity.note(relation, Number(from), Number(to), 'removed');
    }
    this.citations.forget(subject, stale);
    await this.changing(stale.length + updates.owned.length + updates.curated.length + inserts.length);
    await deleteRows(this.db, table, stale);
    counts.deleted = stale.length;

    await updateRows(this.db, table, columns.all, updates.owned);
    await updateRows(this.db, table, columns.external, updates.curated);
    if (inserts.length) {
      const before = await maxId(this.db, table);
      await insertRows(this.db, table, [spec.from.column, spec.to.column, ...columns.all], inserts);
      const inserted = await selectRowsAfter(this.db, table, [spec.from.column, spec.to.column], before);
      await this.citations.need(
        this.db,
        subject,
        inserted.map((row) => row.id),
      );
      for (const row of inserted) {
        this.citations.cite(subject, row.id, links.get(keyOf(row))?.sources);
      }
      counts.created = inserts.length;
    }
    return counts;
  }

  /**
   * Deletes rows of one node type with everything that names them: their links in every link
   * relation (with the links' citations, noting the role similarity they change), the references
   * other rows hold to them (set to null), and their own citations. Returns how many links and
   * references went, and the ids of the rows whose references were cleared, by type.
   */
  async deleteEntities(type: NodeKey, ids: readonly number[]): Promise<{ links: number; cleared: Map<NodeKey, number[]> }> {
    const cleared = new Map<NodeKey, number[]>();
    let links = 0;
    if (ids.length === 0) return { links, cleared };
    await this.changing(ids.length);
    for (const relation of linkRelationKeys) {
      const spec = RELATIONS[relation];
      const table = spec.storage.table as LinkTable;
      const found = new Map<number, StoredRow>();
      for (const end of [spec.from, spec.to]) {
        if (end.type !== type) continue;
        const read = [spec.from.column, spec.to.column];
        for (const row of await selectRows(this.db, table, read, { column: end.column, values: ids })) found.set(row.id, row);
      }
      await deleteRetractionsOf(this.db, table, ids);
      if (found.size === 0) continue;
      if (RoleSimilarityChanges.reads(relation)) {
        for (const row of found.values()) {
          this.similarity.note(relation, Number(row[spec.from.column]), Number(row[spec.to.column]), 'removed');
        }
      }
      await this.citations.need(this.db, table, found.keys());
      this.citations.forget(table, [...found.keys()]);
      await deleteRows(this.db, table, [...found.keys()]);
      links += found.size;
    }
    for (const relation of relationKeys) {
      const spec = RELATIONS[relation];
      const column = foreignKeyOf(spec);
      // A column relation's foreign key sits on the `from` end's table and names a `to` row.
      const holder = spec.from.type as NodeKey;
      if (!column || spec.to.type !== type) continue;
      const rows = (await clearReferences(this.db, NODE_TYPES[holder].table, column, ids)).filter(
        (id) => holder !== type || !ids.includes(id),
      );
      if (rows.length) cleared.set(holder, [...(cleared.get(holder) ?? []), ...rows]);
      links += rows.length;
    }
    if (NODE_TYPES[type].cited) {
      await this.needCitations(type, ids);
      this.citations.forget(type as CitationSubject, ids);
    }
    await deleteRows(this.db, NODE_TYPES[type].table, ids);
    return { links, cleared };
  }

  /**
   * Ends the import: writes the citations changed so far and brings what is derived from the
   * links up to date (role similarity, src/graph/role-similarity.service.ts). Every importer calls
   * it last, inside its transaction.
   */
  async finish(): Promise<void> {
    await this.flushCitations();
    await this.similarity.apply(this.db);
  }

  /** Writes the citations changed so far. */
  async flushCitations(): Promise<void> {
    const { added, removed } = this.citations.written;
    await this.citations.flush(this.db);
    await this.changing(this.citations.written.added + this.citations.written.removed - added - removed);
  }

  /**
   * Told how many rows the writer is about to change. The first real change advances the data
   * version (`src/cache/data-version.store.ts`) in the same transaction, once per writer, so the
   * version moves exactly when an import commits something: caches keyed by it drop their
   * answers then, and a re-import that writes nothing leaves them valid.
   */
  private async changing(rows: number): Promise<void> {
    if (rows === 0 || this.versionAdvanced) return;
    this.versionAdvanced = true;
    await advanceDataVersion(this.db);
  }
}
