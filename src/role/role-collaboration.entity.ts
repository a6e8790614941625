import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SupportCount } from '../source/citation.entity';
import { Role } from './role.entity';

/** Two roles work together; stored once per pair with roleId < otherRoleId, read in both directions. */
@Entity('role_collaboration')
@Unique('UQ_role_collaboration', ['roleId', 'otherRoleId'])
@Index('IDX_role_collaboration_otherRoleId', ['otherRoleId'])
export class RoleCollaboration {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  roleId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roleId' })
  role?: Role;

  @Column({ type: 'integer' })
  otherRoleId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'otherRoleId' })
  otherRole?: Role;

  /** The number of sources citing the link, kept by triggers on "citation" (src/source/citation.entity.ts). */
  @SupportCount()
  supportCount: number;
}
