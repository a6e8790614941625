import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SupportCount } from '../source/citation.entity';
import { Role } from './role.entity';
import { Tool } from '../tool/tool.entity';
import { Importance } from '../shared/enums';

/** A role uses a tool, essentially or optionally. */
@Entity('role_tool')
@Unique('UQ_role_tool', ['roleId', 'toolId'])
@Index('IDX_role_tool_toolId', ['toolId'])
export class RoleTool {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  roleId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roleId' })
  role?: Role;

  @Column({ type: 'integer' })
  toolId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Tool, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'toolId' })
  tool?: Tool;

  @Column({ type: 'varchar', default: Importance.OPTIONAL })
  importance: Importance;

  /** O*NET: a technology employers frequently list in job postings. */
  @Column({ type: 'boolean', nullable: true })
  hotTechnology: boolean | null;

  /** O*NET: a technology in demand for this occupation. */
  @Column({ type: 'boolean', nullable: true })
  inDemand: boolean | null;

  /** The number of sources citing the link, kept by triggers on "citation" (src/source/citation.entity.ts). */
  @SupportCount()
  supportCount: number;
}
