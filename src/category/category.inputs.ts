import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs, EntityOrder } from '../shared/connection-args';
import { nameContains } from '../shared/filters';
import { sql, type Sql } from '../shared/sql';

@InputType({ description: 'Narrows a list of categories.' })
export class CategoryFilter {
  @Field(() => String, { nullable: true, description: 'Name contains this text (case-insensitive).' })
  nameContains?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: only top-level categories; false: only subcategories.' })
  topLevel?: boolean;
}

export function categoryFilterSql(filter: CategoryFilter | undefined): Sql[] {
  const parts = nameContains(filter?.nameContains, 'name', false);
  if (filter?.topLevel === true) parts.push(sql(`e."parentId" IS NULL`));
  if (filter?.topLevel === false) parts.push(sql(`e."parentId" IS NOT NULL`));
  return parts;
}

@ArgsType()
export class CategoryConnectionArgs extends ConnectionArgs {
  @Field(() => CategoryFilter, { nullable: true, description: 'Narrow the list.' })
  filter?: CategoryFilter;

  @Field(() => EntityOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  orderBy?: EntityOrder;
}
