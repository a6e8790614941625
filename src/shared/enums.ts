import { registerEnumType } from 'type-graphql';

/** How much a role depends on a skill or tool. */
export enum Importance {
  ESSENTIAL = 'ESSENTIAL',
  OPTIONAL = 'OPTIONAL',
}
registerEnumType(Importance, {
  name: 'Importance',
  description: 'How much a role depends on a skill or tool.',
  valuesConfig: {
    ESSENTIAL: { description: 'Needed to do the role; sources call it core, required or essential.' },
    OPTIONAL: { description: 'Useful or one of several alternatives; sources call it a plus or list it as an option.' },
  },
});

/** Sort direction for every `orderBy`. */
export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: { ASC: { description: 'Ascending: A to Z, lowest first.' }, DESC: { description: 'Descending: Z to A, highest first.' } },
});
