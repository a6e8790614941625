import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SupportCount } from '../source/citation.entity';
import { Responsibility } from '../responsibility/responsibility.entity';
import { Importance } from '../shared/enums';
import { Role } from './role.entity';

/** A role carries a responsibility. */
@Entity('role_responsibility')
@Unique('UQ_role_responsibility', ['roleId', 'responsibilityId'])
@Index('IDX_role_responsibility_responsibilityId', ['responsibilityId'])
export class RoleResponsibility {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  roleId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roleId' })
  role?: Role;

  @Column({ type: 'integer' })
  responsibilityId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Responsibility, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'responsibilityId' })
  responsibility?: Responsibility;

  /** Core (ESSENTIAL) or supplemental (OPTIONAL) task, where the source says. */
  @Column({ type: 'varchar', nullable: true })
  importance: Importance | null;

  /** The number of sources citing the link, kept by triggers on "citation" (src/source/citation.entity.ts). */
  @SupportCount()
  supportCount: number;
}
