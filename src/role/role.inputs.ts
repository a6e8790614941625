import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { ConnectionArgs, EntityOrder, LinkOrder } from '../shared/connection-args';
import { RelatedRoleOrder, RoleSkillOrder } from './role.orders';

@InputType({ description: 'Narrows a list of roles.' })
export class RoleFilter {
  @Field(() => String, { nullable: true, description: 'Name or an alias contains this text (case-insensitive).' })
  nameContains?: string;

  @Field(() => Int, { nullable: true, description: 'O*NET job zone, 1 to 5.' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: '`filter.jobZone` must be between 1 and 5.' })
  @Max(5, { message: '`filter.jobZone` must be between 1 and 5.' })
  jobZone?: number;

  @Field(() => String, { nullable: true, description: 'Exact external code, e.g. the O*NET-SOC code "15-1252.00".' })
  externalCode?: string;

  @Field(() => String, { nullable: true, description: 'Only roles linked to this skill (slug or id).' })
  hasSkill?: string;

  @Field(() => String, { nullable: true, description: 'Only roles linked to this tool (slug or id).' })
  hasTool?: string;
}

@ArgsType()
export class RoleConnectionArgs extends ConnectionArgs {
  @Field(() => RoleFilter, { nullable: true, description: 'Narrow the list.' })
  @IsOptional()
  @ValidateNested()
  declare filter?: RoleFilter;

  @Field(() => EntityOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  @IsOptional()
  @ValidateNested()
  declare orderBy?: EntityOrder;
}

/** Arguments of Tool.roles. */
@ArgsType()
export class LinkedRoleConnectionArgs extends ConnectionArgs {
  @Field(() => RoleFilter, { nullable: true, description: 'Narrow the list.' })
  @IsOptional()
  @ValidateNested()
  declare filter?: RoleFilter;

  @Field(() => LinkOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  @IsOptional()
  @ValidateNested()
  declare orderBy?: LinkOrder;
}

/** Arguments of Skill.roles. */
@ArgsType()
export class SkillRoleConnectionArgs extends ConnectionArgs {
  @Field(() => RoleFilter, { nullable: true, description: 'Narrow the list.' })
  @IsOptional()
  @ValidateNested()
  declare filter?: RoleFilter;

  @Field(() => RoleSkillOrder, { nullable: true, description: 'Sort order; by name ascending when omitted.' })
  @IsOptional()
  @ValidateNested()
  declare orderBy?: RoleSkillOrder;
}

/** Arguments of Role.relatedOccupations. */
@ArgsType()
export class RelatedOccupationConnectionArgs extends ConnectionArgs {
  @Field(() => RoleFilter, { nullable: true, description: 'Narrow the list.' })
  @IsOptional()
  @ValidateNested()
  declare filter?: RoleFilter;

  @Field(() => RelatedRoleOrder, { nullable: true, description: "Sort order; by the source's rank when omitted." })
  @IsOptional()
  @ValidateNested()
  declare orderBy?: RelatedRoleOrder;
}
