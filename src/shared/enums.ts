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

/**
 * What kind of skill or tool an item is: the type of both `Skill.kind` and `Tool.kind`. Members
 * of the `SearchResult` union and of `Node` are selected side by side (`... on Skill { kind }
 * ... on Tool { kind }`), and GraphQL refuses that unless both fields have the same type; so the
 * two fields share this one enum, and `SkillKind` and `ToolKind`, which say precisely what a
 * filter or a mutation takes, stay the input types. Each value is a value of one of those two.
 */
export enum ItemKind {
  TECHNICAL = 'TECHNICAL',
  SOFT = 'SOFT',
  TECHNOLOGY = 'TECHNOLOGY',
  EQUIPMENT = 'EQUIPMENT',
}
registerEnumType(ItemKind, {
  name: 'ItemKind',
  description:
    'What kind of skill or tool an item is: a skill is TECHNICAL or SOFT (as SkillKind), a tool TECHNOLOGY or EQUIPMENT (as ToolKind).',
  valuesConfig: {
    TECHNICAL: { description: 'A skill: technical, usually practised with tools.' },
    SOFT: { description: 'A skill: interpersonal or personal (communication, teamwork, ...).' },
    TECHNOLOGY: { description: 'A tool: software, a language, framework, standard or service (O*NET Technology Skills).' },
    EQUIPMENT: { description: 'A tool: a physical tool or machine (O*NET Tools Used).' },
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
