import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SupportCount } from '../source/citation.entity';
import { Skill } from './skill.entity';
import { Tool } from '../tool/tool.entity';

/** A skill is practised with a tool (version control with Git). */
@Entity('skill_tool')
@Unique('UQ_skill_tool', ['skillId', 'toolId'])
@Index('IDX_skill_tool_toolId', ['toolId'])
export class SkillTool {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  skillId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Skill, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'skillId' })
  skill?: Skill;

  @Column({ type: 'integer' })
  toolId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Tool, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'toolId' })
  tool?: Tool;

  /** The number of sources citing the link, kept by triggers on "citation" (src/source/citation.entity.ts). */
  @SupportCount()
  supportCount: number;
}
