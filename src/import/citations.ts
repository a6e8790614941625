import type { Queryable } from '../db/sql';
import { citationKey, type CitationSubject } from '../source/citation.entity';
import { deleteCitations, insertCitations, selectCitations, type CitationRow } from './import.store';

/**
 * Who the importer is, which decides what it may rewrite and how it cites.
 *
 * - `authoritative`: a dataset file. Its records describe their entities and links fully, so it
 *   rewrites every column it lists and each subject's citations become exactly the sources listed.
 * - `contributing`: one source among others (O*NET). A subject cited by any other source is
 *   curated: the importer reuses it, rewrites only the columns only it states, never deletes it,
 *   and only adds its own citation. Every other subject (cited by this source alone, or by nothing)
 *   is the importer's to rewrite. Since a contributing import never removes a curated citation, the
 *   split is the same on every run, which keeps re-imports idempotent.
 */
export type Authority = { readonly mode: 'authoritative' } | { readonly mode: 'contributing'; readonly sourceId: number };

/**
 * What a ledger reads: `whole`, every citation at once (an importer that goes over most of the
 * database); `touched`, only the subjects the import names, as it names them (`need`), so a write
 * of a few records reads a few citations however large the database is.
 */
export type LedgerScope = 'whole' | 'touched';

/**
 * The citations the import works on, held in memory, changed by the import and written by
 * `flush` as a diff: only citations that appear or disappear are written.
 */
export class CitationLedger {
  private readonly pendingInserts = new Map<string, CitationRow>();
  private readonly pendingDeletes = new Map<string, CitationRow>();
  /** Citations added and removed by all flushes so far. */
  readonly written = { added: 0, removed: 0 };
  /** The subjects read so far, with `touched`; null when every citation is. */
  private readonly read: Set<string> | null;

  private constructor(
    readonly authority: Authority,
    private readonly sources: Map<string, Set<number>>,
    scope: LedgerScope,
  ) {
    this.read = scope === 'whole' ? null : new Set();
  }

  /** A ledger over every citation (`whole`, read now) or over the subjects `need` names. */
  static async load(db: Queryable, authority: Authority, scope: LedgerScope = 'whole'): Promise<CitationLedger> {
    const ledger = new CitationLedger(authority, new Map(), scope);
    if (scope === 'whole') ledger.hold(await selectCitations(db));
    return ledger;
  }

  /**
   * Reads the citations of these subjects, unless they are read already: call it before asking
   * about a subject or citing it. One statement for any number of ids; nothing with `whole`.
   */
  async need(db: Queryable, subject: CitationSubject, ids: Iterable<number>): Promise<void> {
    if (!this.read) return;
    const unread = [...new Set(ids)].filter((id) => !this.read!.has(citationKey(subject, id)));
    if (unread.length === 0) return;
    unread.forEach((id) => this.read!.add(citationKey(subject, id)));
    this.hold(await selectCitations(db, { subject, ids: unread }));
  }

  private hold(rows: readonly CitationRow[]): void {
    for (const row of rows) {
      const key = citationKey(row.subjectType, row.subjectId);
      const set = this.sources.get(key) ?? new Set<number>();
      set.add(row.sourceId);
      this.sources.set(key, set);
    }
  }

  /** The sources citing a subject; one `need` did not read is a bug in the importer, and throws. */
  private of(subject: CitationSubject, id: number): Set<number> | undefined {
    const key = citationKey(subject, id);
    if (this.read && !this.read.has(key)) throw new Error(`CitationLedger: ${key} was not read (call need first)`);
    return this.sources.get(key);
  }

  /** True when a contributing importer must leave the subject as others curated it. */
  isCurated(subject: CitationSubject, id: number): boolean {
    if (this.authority.mode === 'authoritative') return false;
    const own = this.authority.sourceId;
    return [...(this.of(subject, id) ?? [])].some((source) => source !== own);
  }

  /** Whether any of these sources cites the subject. */
  citedBy(subject: CitationSubject, id: number, sources: readonly number[]): boolean {
    const cited = this.of(subject, id);
    return sources.some((source) => cited?.has(source));
  }

  /**
   * Records what the importer says cites a subject it wrote: an authoritative import's `sources`
   * replace the subject's citations; a contributing import adds its own source. Returns whether
   * the number of sources changed (a link's weight counts them: src/model/weights.ts).
   */
  cite(subject: CitationSubject, id: number, sources: readonly number[] = []): boolean {
    const current = new Set(this.of(subject, id));
    const wanted = this.authority.mode === 'authoritative' ? new Set(sources) : new Set([...current, this.authority.sourceId]);
    for (const source of current) if (!wanted.has(source)) this.remove({ subjectType: subject, subjectId: id, sourceId: source });
    for (const source of wanted) if (!current.has(source)) this.add({ subjectType: subject, subjectId: id, sourceId: source });
    return wanted.size !== current.size;
  }

  /** Drops every citation of subjects that are being deleted. */
  forget(subject: CitationSubject, ids: readonly number[]): void {
    for (const id of ids) {
      for (const source of [...(this.of(subject, id) ?? [])]) this.remove({ subjectType: subject, subjectId: id, sourceId: source });
    }
  }

  /** Writes what changed since the last flush. */
  async flush(db: Queryable): Promise<void> {
    await deleteCitations(db, [...this.pendingDeletes.values()]);
    await insertCitations(db, [...this.pendingInserts.values()]);
    this.written.removed += this.pendingDeletes.size;
    this.written.added += this.pendingInserts.size;
    this.pendingDeletes.clear();
    this.pendingInserts.clear();
  }

  private add(row: CitationRow): void {
    const key = citationKey(row.subjectType, row.subjectId);
    const set = this.sources.get(key) ?? new Set<number>();
    set.add(row.sourceId);
    this.sources.set(key, set);
    const triple = `${key}:${row.sourceId}`;
    if (!this.pendingDeletes.delete(triple)) this.pendingInserts.set(triple, row);
  }

  private remove(row: CitationRow): void {
    const key = citationKey(row.subjectType, row.subjectId);
    this.sources.get(key)?.delete(row.sourceId);
    const triple = `${key}:${row.sourceId}`;
    if (!this.pendingInserts.delete(triple)) this.pendingDeletes.set(triple, row);
  }
}
