import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { RoleSkillOrder } from '../role/role.orders';
import { ConnectionArgs, EntityOrder } from '../shared/connection-args';
import { SkillKind } from './skill.entity';

@InputType({ description: 'Narrows a list of skills.' })
export class SkillFilter {
  @Field(() => String, { nullable: true, description: 'Name or an alias contains this text (case-insensitive).' })
  nameContains?: string;

  @Field(() => String, { nullable: true, description: 'In this category or one of its subcategories (slug or id).' })
  category?: string;

  @Field(() => SkillKind, { nullable: true, description: 'Only technical or only soft skills.' })
  kind?: SkillKind;
}

@ArgsType()
export class SkillConnectionArgs extends ConnectionArgs {
  @Field(() => SkillFilter, { nullable: true, description: 'Narrow the list.' })
  @IsOptional()
  @ValidateNested()
  declare filter?: SkillFilter;

  @Field(() => EntityOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  @IsOptional()
  @ValidateNested()
  declare orderBy?: EntityOrder;
}

/** Arguments of Role.skills. */
@ArgsType()
export class LinkedSkillConnectionArgs extends ConnectionArgs {
  @Field(() => SkillFilter, { nullable: true, description: 'Narrow the list.' })
  @IsOptional()
  @ValidateNested()
  declare filter?: SkillFilter;

  @Field(() => RoleSkillOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  @IsOptional()
  @ValidateNested()
  declare orderBy?: RoleSkillOrder;
}
