import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../shared/global-id';
import { Node } from '../shared/node';

/** A group of skills and tools; categories form a small hierarchy. */
@Entity('category')
// Created by the list-order-indexes migration with COLLATE NOCASE, which decorators cannot express.
@Index('IDX_category_order_name', { synchronize: false })
@Index('IDX_category_parent', ['parentId'])
@ObjectType({ implements: Node, description: 'A group of skills and tools (e.g. Databases > Relational databases). Categories nest.' })
export class Category implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId('Category', this.slug);
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

  @Field({ description: 'What belongs in this category.' })
  @Column({ type: 'text', default: '' })
  description: string;

  /** Row id of the parent category; exposed as `parent`. */
  @Column({ type: 'integer', nullable: true })
  parentId: number | null;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Category, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parentId' })
  parentCategory?: Category | null;
}
