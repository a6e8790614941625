import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { CitationSubject } from '../model/relations';
import { Source } from './source.entity';

/** What a citation can be about: declared by the model registry. */
export type { CitationSubject };

/** Provenance: one row per (subject, source) pair, for entities and links alike. */
@Entity('citation')
@Index('IDX_citation_source', ['sourceId'])
export class Citation {
  @PrimaryColumn({ type: 'varchar' })
  subjectType: CitationSubject;

  @PrimaryColumn({ type: 'integer' })
  subjectId: number;

  @PrimaryColumn({ type: 'integer' })
  sourceId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Source, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sourceId' })
  source?: Source;
}

/** The key the citation loader batches on: `<subjectType>:<subjectId>`. */
export function citationKey(subjectType: CitationSubject, subjectId: number): string {
  return `${subjectType}:${subjectId}`;
}

/**
 * A link table's `supportCount`: the number of citation rows naming the link, which link weights
 * read (src/model/weights.ts). Triggers on "citation" keep it (migration
 * 1765100000000-stored-support), so it is right whoever writes or deletes citations, a Source's
 * ON DELETE CASCADE included. Read-only to TypeORM: never inserted or updated from an entity.
 */
export const SupportCount = () => Column({ type: 'integer', default: 0, insert: false, update: false });
