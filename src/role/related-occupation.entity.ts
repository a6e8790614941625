import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SupportCount } from '../source/citation.entity';
import { Role } from './role.entity';

/** An occupation an external taxonomy ranks as related to a role (O*NET Related Occupations); directed. */
@Entity('role_related')
@Unique('UQ_role_related', ['roleId', 'relatedRoleId'])
@Index('IDX_role_related_relatedRoleId', ['relatedRoleId'])
export class RelatedOccupation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  roleId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roleId' })
  role?: Role;

  @Column({ type: 'integer' })
  relatedRoleId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'relatedRoleId' })
  relatedRole?: Role;

  /** O*NET relatedness tier: Primary-Short, Primary-Long or Supplemental. */
  @Column({ type: 'varchar' })
  tier: string;

  /** O*NET's rank of this related role (1 is the closest). */
  @Column({ type: 'integer' })
  rank: number;

  /** The number of sources citing the link, kept by triggers on "citation" (src/source/citation.entity.ts). */
  @SupportCount()
  supportCount: number;
}
