import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SupportCount } from '../source/citation.entity';
import { Role } from './role.entity';
import { Skill } from '../skill/skill.entity';
import { Importance } from '../shared/enums';

/** A role needs a skill, essentially or optionally. */
@Entity('role_skill')
@Unique('UQ_role_skill', ['roleId', 'skillId'])
@Index('IDX_role_skill_skillId', ['skillId'])
export class RoleSkill {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  roleId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roleId' })
  role?: Role;

  @Column({ type: 'integer' })
  skillId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Skill, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'skillId' })
  skill?: Skill;

  @Column({ type: 'varchar', default: Importance.OPTIONAL })
  importance: Importance;

  /** O*NET importance rating, 1 (not important) to 5 (extremely important). */
  @Column({ type: 'real', nullable: true })
  importanceScore: number | null;

  /** O*NET level rating, 0 to 7: how much of the skill the role needs. */
  @Column({ type: 'real', nullable: true })
  level: number | null;

  /** The number of sources citing the link, kept by triggers on "citation" (src/source/citation.entity.ts). */
  @SupportCount()
  supportCount: number;
}
