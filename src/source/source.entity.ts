import { LocalDateResolver, URLResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../shared/global-id';
import { Node } from '../shared/node';

/** A document the dataset's facts come from: an article, or an imported dataset release. */
@Entity('source')
// Created by the list-order-indexes migration with COLLATE NOCASE, which decorators cannot express.
@Index('IDX_source_order_title', { synchronize: false })
@ObjectType({
  implements: Node,
  description: 'A document the facts come from: an article or a dataset release. Every entity and link cites its sources.',
})
export class Source implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  rowId: number;

  @Field(() => ID, { description: 'Opaque global id.' })
  get id(): string {
    return toGlobalId('Source', this.slug);
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

  @Field({ description: 'Title of the article or dataset.' })
  @Column({ type: 'varchar' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Who published it, when known.' })
  @Column({ type: 'varchar', nullable: true })
  publisher: string | null;

  @Field(() => String, { nullable: true, description: 'Who wrote it, when named.' })
  @Column({ type: 'varchar', nullable: true })
  author: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Publication or last-update date, when the text gives one.' })
  @Column({ type: 'varchar', nullable: true })
  publishedOn: string | null;

  @Field(() => URLResolver, { nullable: true, description: 'Where it can be read, when known.' })
  @Column({ type: 'varchar', nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true, description: 'Release or version, for datasets.' })
  @Column({ type: 'varchar', nullable: true })
  version: string | null;

  @Field(() => String, { nullable: true, description: 'Licence under which the facts are used.' })
  @Column({ type: 'varchar', nullable: true })
  licence: string | null;

  @Field(() => String, { nullable: true, description: 'Attribution text that must be shown wherever the data is served.' })
  @Column({ type: 'text', nullable: true })
  attribution: string | null;

  /** File name of the article in the curated sources folder; not exposed. */
  @Column({ type: 'varchar', nullable: true })
  file: string | null;
}
