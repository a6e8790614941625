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
 * The citations of the whole database held in memory, changed by the import and written by
 * `flush` as a diff: only citations that appear or disappear are written.
 */
export class CitationLedger {
  private readonly pendingInserts = new Map<string, CitationRow>();
  private readonly pendingDeletes = new Map<string, CitationRow>();
  /** Citations added and removed by all flushes so far. */
  readonly written = { added: 0, removed: 0 };

  private constructor(
    readonly authority: Authority,
    private readonly sources: Map<string, Set<number>>,
  ) {}

  /** Reads every citation. */
  static async load(db: Queryable, authority: Authority): Promise<CitationLedger> {
    const sources = new Map<string, Set<number>>();
    for (const row of await selectCitations(db)) {
      const key = citationKey(row.subjectType, row.subjectId);
      const set = sources.get(key) ?? new Set<number>();
      set.add(row.sourceId);
      sources.set(key, set);
    }
    return new CitationLedger(authority, sources);
  }

  /** True when a contributing importer must leave the subject as others curated it. */
  isCurated(subject: CitationSubject, id: number): boolean {
    if (this.authority.mode === 'authoritative') return false;
    const own = this.authority.sourceId;
    return [...(this.sources.get(citationKey(subject, id)) ?? [])].some((source) => source !== own);
  }

  /** Whether any of these sources cites the subject. */
  citedBy(subject: CitationSubject, id: number, sources: readonly number[]): boolean {
    const cited = this.sources.get(citationKey(subject, id));
    return sources.some((source) => cited?.has(source));
  }

  /**
   * Records what the importer says cites a subject it wrote: an authoritative import's `sources`
   * replace the subject's citations; a contributing import adds its own source.
   */
  cite(subject: CitationSubject, id: number, sources: readonly number[] = []): void {
    const current = this.sources.get(citationKey(subject, id)) ?? new Set<number>();
    const wanted = this.authority.mode === 'authoritative' ? new Set(sources) : new Set([...current, this.authority.sourceId]);
    for (const source of current) if (!wanted.has(source)) this.remove({ subjectType: subject, subjectId: id, sourceId: source });
    for (const source of wanted) if (!current.has(source)) this.add({ subjectType: subject, subjectId: id, sourceId: source });
  }

  /** Drops every citation of subjects that are being deleted. */
  forget(subject: CitationSubject, ids: readonly number[]): void {
    for (const id of ids) {
      for (const source of this.sources.get(citationKey(subject, id)) ?? [])
        this.remove({ subjectType: subject, subjectId: id, sourceId: source });
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
