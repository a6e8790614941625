import { Entity, PrimaryColumn } from 'typeorm';

/**
 * A link a curator removed through the API (`unlink<Relation>`): contributing importers (O*NET)
 * do not assert it again, so a re-import does not silently undo the unlink. Linking the pair again
 * through the API lifts it. Pairs are by row id, a symmetric one lower id first.
 */
@Entity('retraction')
export class Retraction {
  /** The link table. */
  @PrimaryColumn({ type: 'varchar' })
  subjectType: string;

  @PrimaryColumn({ type: 'integer' })
  fromId: number;

  @PrimaryColumn({ type: 'integer' })
  toId: number;
}
