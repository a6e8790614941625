import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One committed change to one record of the dataset (src/curation/change.service.ts): who made it,
 * in which write, and the record before and after, in the dataset format. Never updated or deleted.
 */
@Entity('change_record')
export class ChangeRecord {
  /** Grows with every change: the order of the feed and its cursor. */
  @PrimaryGeneratedColumn()
  id: number;

  /** The data version the write that made it advanced to: one per committed write. */
  @Index('IDX_change_record_data_version')
  @Column({ type: 'integer' })
  dataVersion: number;

  /** ISO time of the write. */
  @Column({ type: 'varchar' })
  at: string;

  /** The API key that made it; null for a command-line tool. */
  @Column({ type: 'integer', nullable: true })
  apiKeyId: number | null;

  /** Who made it, in words: `api key 3 (career site)`, `npm run import`. */
  @Column({ type: 'varchar' })
  actor: string;

  /** The mutation or command: `createSkill`, `importDataset`, `import`, `import:onet`. */
  @Column({ type: 'varchar' })
  operation: string;

  /** The dataset list of the record (`skills`), or `imports` for an O*NET import's summary. */
  @Column({ type: 'varchar' })
  list: string;

  /** The record's slug (a release's source slug for an O*NET import). */
  @Column({ type: 'varchar' })
  slug: string;

  /** CREATE, UPDATE, DELETE, or IMPORT (an O*NET import's summary). */
  @Column({ type: 'varchar' })
  action: string;

  /** The record before, as JSON; null for CREATE. */
  @Column({ type: 'text', nullable: true })
  before: string | null;

  /** The record after, as JSON; null for DELETE. */
  @Column({ type: 'text', nullable: true })
  after: string | null;
}
