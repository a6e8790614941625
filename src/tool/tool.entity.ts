import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Category } from '../category/category.entity';
import { toGlobalId } from '../shared/global-id';
import { Node } from '../shared/node';

/** A technology, product, language, framework, standard or service that roles use. */
@Entity('tool')
@Index('IDX_tool_category', ['categoryId'])
@ObjectType({ implements: Node, description: 'A technology, product, language, framework, standard or service (PostgreSQL, Git, REST, OWASP, Stripe).' })
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

  @Field({ description: 'Display name.' })
  @Column({ type: 'varchar' })
  name: string;

  @Field(() => [String], { description: 'Other names for the same tool (Postgres, K8s, Golang).' })
  @Column({ type: 'simple-json', default: '[]' })
  aliases: string[];

  @Field({ description: 'What the tool is, in a sentence or two.' })
  @Column({ type: 'text', default: '' })
  description: string;

  /** Row id of the category; exposed as `category`. */
  @Column({ type: 'integer', nullable: true })
  categoryId: number | null;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Category, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'categoryId' })
  categoryRow?: Category | null;
}
