import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
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
