import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs, EntityOrder, LinkOrder } from '../shared/connection-args';
import { inCategory, nameContains } from '../shared/filters';
import type { Sql } from '../shared/sql';

@InputType({ description: 'Narrows a list of tools.' })
export class ToolFilter {
  @Field(() => String, { nullable: true, description: 'Name or an alias contains this text (case-insensitive).' })
  nameContains?: string;

  @Field(() => String, { nullable: true, description: 'In this category or one of its subcategories (slug or id).' })
  category?: string;
}

export function toolFilterSql(filter: ToolFilter | undefined): Sql[] {
  return [...nameContains(filter?.nameContains), ...inCategory(filter?.category)];
}

@ArgsType()
export class ToolConnectionArgs extends ConnectionArgs {
  @Field(() => ToolFilter, { nullable: true, description: 'Narrow the list.' })
  filter?: ToolFilter;

  @Field(() => EntityOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  orderBy?: EntityOrder;
}

@ArgsType()
export class LinkedToolConnectionArgs extends ConnectionArgs {
  @Field(() => ToolFilter, { nullable: true, description: 'Narrow the list.' })
  filter?: ToolFilter;

  @Field(() => LinkOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  orderBy?: LinkOrder;
}
