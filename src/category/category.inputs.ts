import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs, EntityOrder } from '../shared/connection-args';

@InputType({ description: 'Narrows a list of categories.' })
export class CategoryFilter {
  @Field(() => String, { nullable: true, description: 'Name contains this text (case-insensitive).' })
  nameContains?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: only top-level categories; false: only subcategories.' })
  topLevel?: boolean;
}

@ArgsType()
export class CategoryConnectionArgs extends ConnectionArgs {
  @Field(() => CategoryFilter, { nullable: true, description: 'Narrow the list.' })
  @IsOptional()
  @ValidateNested()
  declare filter?: CategoryFilter;

  @Field(() => EntityOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  @IsOptional()
  @ValidateNested()
  declare orderBy?: EntityOrder;
}
