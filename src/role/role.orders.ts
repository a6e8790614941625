import { Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../shared/enums';

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
    IMPORTANCE: {
      description:
        "The link weight (importance, and the sources that support it or O*NET's rating; see the edge field `weight`), heaviest first when ascending, so ESSENTIAL before OPTIONAL; then name.",
    },
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
