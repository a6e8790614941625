import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../shared/global-id';
import { Node } from '../shared/node';

/** A job role: what people are hired as. */
@Entity('role')
// Created by the list-order-indexes migration with COLLATE NOCASE, which decorators cannot express.
@Index('IDX_role_order_name', { synchronize: false })
@Index('IDX_role_broader', ['broaderId'])
@Index('IDX_role_external_code', ['externalCode'], { unique: true })
@Index('IDX_role_job_zone', ['jobZone'])
@ObjectType({
  implements: Node,
  description: 'A job role, with the responsibilities it carries, the skills it needs and the tools it uses.',
})
export class Role implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId('Role', this.slug);
  }

  @Field({ description: 'Stable, human-readable key (lowercase kebab-case).' })
  @Column({ type: 'varchar', unique: true })
  slug: string;

  @Field(() => Int, {
    description:
      "Starts at 1 and grows by one with every change to this entity's own fields (links aside); pass it as `expectedRevision` to update or delete only what you last read.",
  })
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @Field({ description: 'Display name.' })
  @Column({ type: 'varchar' })
  name: string;

  @Field(() => [String], { description: 'Other titles for the same role (Back-End Developer for Backend Developer).' })
  @Column({ type: 'simple-json', default: '[]' })
  aliases: string[];

  @Field({ description: 'What the role does, in a sentence or two.' })
  @Column({ type: 'text', default: '' })
  summary: string;

  @Field(() => String, { nullable: true, description: 'Code in an external taxonomy, e.g. the O*NET-SOC code "15-1252.00".' })
  @Column({ type: 'varchar', nullable: true })
  externalCode: string | null;

  @Field(() => Int, { nullable: true, description: 'O*NET job zone: 1 (little preparation) to 5 (extensive preparation).' })
  @Column({ type: 'integer', nullable: true })
  jobZone: number | null;

  /** Row id of the broader role this one specialises; exposed as `broader`. */
  @Column({ type: 'integer', nullable: true })
  broaderId: number | null;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Role, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'broaderId' })
  broaderRole?: Role | null;
}
