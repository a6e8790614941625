import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The data version: one row (id 1) whose `version` every committed write of the import engine
 * advances. Caches key their entries by it, so a write makes every older entry unreachable.
 */
@Entity('data_version')
export class DataVersion {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer', default: 0 })
  version: number;
}
