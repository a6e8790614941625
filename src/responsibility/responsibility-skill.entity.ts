import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SupportCount } from '../source/citation.entity';
import { Responsibility } from './responsibility.entity';
import { Skill } from '../skill/skill.entity';

/** A responsibility calls for a skill. */
@Entity('responsibility_skill')
@Unique('UQ_responsibility_skill', ['responsibilityId', 'skillId'])
@Index('IDX_responsibility_skill_skillId', ['skillId'])
export class ResponsibilitySkill {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  responsibilityId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Responsibility, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'responsibilityId' })
  responsibility?: Responsibility;

  @Column({ type: 'integer' })
  skillId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Skill, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'skillId' })
  skill?: Skill;

  /** The number of sources citing the link, kept by triggers on "citation" (src/source/citation.entity.ts). */
  @SupportCount()
  supportCount: number;
}
