import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs, EntityOrder } from '../shared/connection-args';

@InputType({ description: 'Narrows a list of sources.' })
export class SourceFilter {
  @Field(() => String, { nullable: true, description: 'Title contains this text (case-insensitive).' })
  titleContains?: string;
}

@ArgsType()
export class SourceConnectionArgs extends ConnectionArgs {
  @Field(() => SourceFilter, { nullable: true, description: 'Narrow the list.' })
  @IsOptional()
  @ValidateNested()
  declare filter?: SourceFilter;

  @Field(() => EntityOrder, { nullable: true, description: 'Sort order; by title ascending when omitted.' })
  @IsOptional()
  @ValidateNested()
  declare orderBy?: EntityOrder;
}
