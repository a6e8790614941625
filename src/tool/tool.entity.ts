import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Category } from '../category/category.entity';
import { ItemKind } from '../shared/enums';
import { toGlobalId } from '../shared/global-id';
import { Node } from '../shared/node';

/** Whether a tool is a technology (software, language, standard, service) or physical equipment. */
export enum ToolKind {
  TECHNOLOGY = 'TECHNOLOGY',
  EQUIPMENT = 'EQUIPMENT',
}
registerEnumType(ToolKind, {
  name: 'ToolKind',
  description: 'Technology (software, language, framework, standard, service) or physical equipment.',
  valuesConfig: {
    TECHNOLOGY: { description: 'Software, a language, framework, standard or service (O*NET Technology Skills).' },
    EQUIPMENT: { description: 'A physical tool or machine (O*NET Tools Used).' },
  },
});

/** A technology, product, language, framework, standard or service that roles use. */
@Entity('tool')
// Created by the list-order-indexes migration with COLLATE NOCASE, which decorators cannot express.
@Index('IDX_tool_order_name', { synchronize: false })
@Index('IDX_tool_category', ['categoryId'])
@ObjectType({
  implements: Node,
  description: 'A technology, product, language, framework, standard or service (PostgreSQL, Git, REST, OWASP, Stripe).',
})
export class Tool implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId('Tool', this.slug);
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

  @Field(() => [String], { description: 'Other names for the same tool (Postgres, K8s, Golang).' })
  @Column({ type: 'simple-json', default: '[]' })
  aliases: string[];

  @Field({ description: 'What the tool is, in a sentence or two.' })
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => ItemKind, { description: 'TECHNOLOGY or EQUIPMENT (the values of ToolKind).' })
  @Column({ type: 'varchar', default: ToolKind.TECHNOLOGY })
  kind: ToolKind;

  /** Row id of the category; exposed as `category`. */
  @Column({ type: 'integer', nullable: true })
  categoryId: number | null;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Category, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'categoryId' })
  categoryRow?: Category | null;
}
