import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../shared/global-id';
import { Node } from '../shared/node';

/** A duty a role carries out. */
@Entity('responsibility')
// Created by the list-order-indexes migration with COLLATE NOCASE, which decorators cannot express.
@Index('IDX_responsibility_order_name', { synchronize: false })
@ObjectType({ implements: Node, description: 'A duty a role carries out (designing APIs, managing databases).' })
export class Responsibility implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId('Responsibility', this.slug);
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

  @Field({ description: 'Short name of the duty.' })
  @Column({ type: 'varchar' })
  name: string;

  @Field({ description: 'What the duty involves.' })
  @Column({ type: 'text', default: '' })
  description: string;
}
