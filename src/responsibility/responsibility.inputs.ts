import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs, EntityOrder } from '../shared/connection-args';

@InputType({ description: 'Narrows a list of responsibilities.' })
export class ResponsibilityFilter {
  @Field(() => String, { nullable: true, description: 'Name contains this text (case-insensitive).' })
  nameContains?: string;
}

@ArgsType()
export class ResponsibilityConnectionArgs extends ConnectionArgs {
  @Field(() => ResponsibilityFilter, { nullable: true, description: 'Narrow the list.' })
  @IsOptional()
  @ValidateNested()
  declare filter?: ResponsibilityFilter;

  @Field(() => EntityOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  @IsOptional()
  @ValidateNested()
  declare orderBy?: EntityOrder;
}
