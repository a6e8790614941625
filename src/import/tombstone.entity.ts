import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An entity a curator deleted through the API (`delete<Type>`) that a contributing importer
 * (O*NET) could assert again: that importer does not create it again, nor its links, so a
 * re-import does not silently undo the deletion. Rows are gone, so a tombstone names the entity by
 * what an importer plans with: its node type and slug, and its external taxonomy's code where it
 * has one (an O*NET-SOC code), which matches even when the importer would mint another slug, and
 * its names (name and aliases, normalised as src/import/slug.ts `normaliseName` does), which match
 * an importer that plans by name (O*NET's tools) under whatever slug it would mint.
 * Writing the entity again authoritatively (a create through the API, a dataset import) lifts it.
 */
@Entity('tombstone')
export class Tombstone {
  /** The node type's key (`role`, `skill`, …). */
  @PrimaryColumn({ type: 'varchar' })
  nodeType: string;

  @PrimaryColumn({ type: 'varchar' })
  slug: string;

  @Column({ type: 'varchar', nullable: true })
  externalCode: string | null;

  /** The normalised names, as a JSON array. */
  @Column({ type: 'text', default: '[]' })
  names: string;
}
