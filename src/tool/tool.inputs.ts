import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs, EntityOrder, LinkOrder } from '../shared/connection-args';
import { ToolKind } from './tool.entity';

@InputType({ description: 'Narrows a list of tools.' })
export class ToolFilter {
  @Field(() => String, { nullable: true, description: 'Name or an alias contains this text (case-insensitive).' })
  nameContains?: string;

  @Field(() => String, { nullable: true, description: 'In this category or one of its subcategories (slug or id).' })
  category?: string;

  @Field(() => ToolKind, { nullable: true, description: 'Only technologies or only equipment.' })
  kind?: ToolKind;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only tools that are an O*NET Hot Technology for at least one role; false: only tools that are not.',
  })
  hotTechnology?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only tools that are O*NET In Demand for at least one role; false: only tools that are not.',
  })
  inDemand?: boolean;
}

@ArgsType()
export class ToolConnectionArgs extends ConnectionArgs {
  @Field(() => ToolFilter, { nullable: true, description: 'Narrow the list.' })
  @IsOptional()
  @ValidateNested()
  declare filter?: ToolFilter;

  @Field(() => EntityOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  @IsOptional()
  @ValidateNested()
  declare orderBy?: EntityOrder;
}

@ArgsType()
export class LinkedToolConnectionArgs extends ConnectionArgs {
  @Field(() => ToolFilter, { nullable: true, description: 'Narrow the list.' })
  @IsOptional()
  @ValidateNested()
  declare filter?: ToolFilter;

  @Field(() => LinkOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  @IsOptional()
  @ValidateNested()
  declare orderBy?: LinkOrder;
}
