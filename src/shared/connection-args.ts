import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { OrderDirection } from './enums';
import { MAX_PAGE_SIZE } from './page-window';

const sizeMessage = (name: string) => `\`${name}\` must be between 1 and ${MAX_PAGE_SIZE}; follow pageInfo cursors to read further.`;

/** Relay pagination arguments, shared by every connection field. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Return the first n items (1 to ${MAX_PAGE_SIZE}; 20 when neither first nor last is given).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1, { message: sizeMessage('first') })
  @Max(MAX_PAGE_SIZE, { message: sizeMessage('first') })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  after?: string;

  @Field(() => Int, { nullable: true, description: `Return the last n items (1 to ${MAX_PAGE_SIZE}).` })
  @IsOptional()
  @IsInt()
  @Min(1, { message: sizeMessage('last') })
  @Max(MAX_PAGE_SIZE, { message: sizeMessage('last') })
  last?: number;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor.' })
  before?: string;
}

/** Fields an entity list sorts by. */
export enum EntityOrderField {
  NAME = 'NAME',
}
registerEnumType(EntityOrderField, {
  name: 'EntityOrderField',
  description: 'What an entity list sorts by.',
  valuesConfig: { NAME: { description: 'Name (title for sources), case-insensitive.' } },
});

/** Fields a list of linked items sorts by. */
export enum LinkOrderField {
  NAME = 'NAME',
  IMPORTANCE = 'IMPORTANCE',
}
registerEnumType(LinkOrderField, {
  name: 'LinkOrderField',
  description: 'What a list of linked skills, tools or roles sorts by.',
  valuesConfig: {
    NAME: { description: 'Name, case-insensitive.' },
    IMPORTANCE: { description: 'Importance on the link (ESSENTIAL before OPTIONAL when ascending), then name.' },
  },
});

@InputType({ description: 'Sort order for a list of entities.' })
export class EntityOrder {
  @Field(() => EntityOrderField, { defaultValue: EntityOrderField.NAME, description: 'What to sort by.' })
  field: EntityOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Which way.' })
  direction: OrderDirection;
}

@InputType({ description: 'Sort order for a list of linked items that carry an importance.' })
export class LinkOrder {
  @Field(() => LinkOrderField, { defaultValue: LinkOrderField.NAME, description: 'What to sort by.' })
  field: LinkOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Which way.' })
  direction: OrderDirection;
}

/** Fields a list of role–skill links sorts by. */
export enum RoleSkillOrderField {
  NAME = 'NAME',
  IMPORTANCE = 'IMPORTANCE',
  IMPORTANCE_SCORE = 'IMPORTANCE_SCORE',
  LEVEL = 'LEVEL',
}
registerEnumType(RoleSkillOrderField, {
  name: 'RoleSkillOrderField',
  description: 'What a list of role–skill links sorts by.',
  valuesConfig: {
    NAME: { description: 'Name, case-insensitive.' },
    IMPORTANCE: { description: 'Importance (ESSENTIAL before OPTIONAL when ascending), then name.' },
    IMPORTANCE_SCORE: {
      description: 'O*NET importance rating (links without one last), then name. Use DESC for the most important first.',
    },
    LEVEL: { description: 'O*NET level rating (links without one last), then name. Use DESC for the highest level first.' },
  },
});

@InputType({ description: 'Sort order for a list of role–skill links.' })
export class RoleSkillOrder {
  @Field(() => RoleSkillOrderField, { defaultValue: RoleSkillOrderField.NAME, description: 'What to sort by.' })
  field: RoleSkillOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Which way.' })
  direction: OrderDirection;
}

/** Fields a list of related roles sorts by. */
export enum RelatedRoleOrderField {
  RANK = 'RANK',
  NAME = 'NAME',
}
registerEnumType(RelatedRoleOrderField, {
  name: 'RelatedRoleOrderField',
  description: 'What a list of related roles sorts by.',
  valuesConfig: {
    RANK: { description: "The source's rank (1 is the closest), then name." },
    NAME: { description: 'Name, case-insensitive.' },
  },
});

@InputType({ description: 'Sort order for a list of related roles.' })
export class RelatedRoleOrder {
  @Field(() => RelatedRoleOrderField, { defaultValue: RelatedRoleOrderField.RANK, description: 'What to sort by.' })
  field: RelatedRoleOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Which way.' })
  direction: OrderDirection;
}
