import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Category } from '../category/category.entity';
import { ItemKind } from '../shared/enums';
import { toGlobalId } from '../shared/global-id';
import { Node } from '../shared/node';

/** Whether a skill is technical or interpersonal. */
export enum SkillKind {
  TECHNICAL = 'TECHNICAL',
  SOFT = 'SOFT',
}
registerEnumType(SkillKind, {
  name: 'SkillKind',
  description: 'Whether a skill is technical or interpersonal.',
  valuesConfig: {
    TECHNICAL: { description: 'A technical skill, usually practised with tools.' },
    SOFT: { description: 'An interpersonal or personal skill (communication, teamwork, ...).' },
  },
});

/** An ability a role needs, technical or soft. */
@Entity('skill')
// Created by the list-order-indexes migration with COLLATE NOCASE, which decorators cannot express.
@Index('IDX_skill_order_name', { synchronize: false })
@Index('IDX_skill_category', ['categoryId'])
@ObjectType({ implements: Node, description: 'An ability a role needs: technical (databases, API design) or soft (communication).' })
export class Skill implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId('Skill', this.slug);
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

  @Field(() => [String], { description: 'Other names for the same skill.' })
  @Column({ type: 'simple-json', default: '[]' })
  aliases: string[];

  @Field({ description: 'What the skill is, in a sentence or two.' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => ItemKind, { description: 'TECHNICAL or SOFT (the values of SkillKind).' })
  @Column({ type: 'varchar' })
  kind: SkillKind;

  /** Row id of the category; exposed as `category`. */
  @Column({ type: 'integer', nullable: true })
  categoryId: number | null;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Category, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'categoryId' })
  categoryRow?: Category | null;
}
