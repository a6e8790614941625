import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { OrderDirection } from './enums';
import { MAX_PAGE_SIZE } from './page-window';

const sizeMessage = (name: string) => `\`${name}\` must be between 1 and ${MAX_PAGE_SIZE}; follow pageInfo cursors to read further.`;

/**
 * Relay pagination arguments, shared by every connection field.
 *
 * The fields of every `@ArgsType` class are `declare`d: an ES2022 class field is an own property
 * of each new instance even when undefined, and type-graphql's conversion of the arguments deletes
 * each one the query left out, which leaves V8 a slow dictionary object on every connection field:
 * 5 % of the main thread in `roles { skills { tools } }`, 1.5 % declared. Declared, they exist only as types.
 */
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
  declare first?: number;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  declare after?: string;

  @Field(() => Int, { nullable: true, description: `Return the last n items (1 to ${MAX_PAGE_SIZE}).` })
  @IsOptional()
  @IsInt()
  @Min(1, { message: sizeMessage('last') })
  @Max(MAX_PAGE_SIZE, { message: sizeMessage('last') })
  declare last?: number;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor.' })
  declare before?: string;
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
    IMPORTANCE: {
      description:
        'The link weight (importance and the number of sources that support it; see the edge field `weight`), heaviest first when ascending, so ESSENTIAL before OPTIONAL; then name.',
    },
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
