import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs, EntityOrder, LinkOrder } from '../shared/connection-args';
import { nameContains } from '../shared/filters';
import type { Sql } from '../shared/sql';

@InputType({ description: 'Narrows a list of roles.' })
export class RoleFilter {
  @Field(() => String, { nullable: true, description: 'Name or an alias contains this text (case-insensitive).' })
  nameContains?: string;
}

export function roleFilterSql(filter: RoleFilter | undefined): Sql[] {
  return nameContains(filter?.nameContains);
}

@ArgsType()
export class RoleConnectionArgs extends ConnectionArgs {
  @Field(() => RoleFilter, { nullable: true, description: 'Narrow the list.' })
  filter?: RoleFilter;

  @Field(() => EntityOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  orderBy?: EntityOrder;
}

@ArgsType()
export class LinkedRoleConnectionArgs extends ConnectionArgs {
  @Field(() => RoleFilter, { nullable: true, description: 'Narrow the list.' })
  filter?: RoleFilter;

  @Field(() => LinkOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  orderBy?: LinkOrder;
}
