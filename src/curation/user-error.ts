import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** Why a mutation refused its input: the closed list a client can switch on. */
export enum UserErrorCode {
  /** A value is malformed or out of range. */
  INVALID = 'INVALID',
  /** A slug or id names nothing. */
  NOT_FOUND = 'NOT_FOUND',
  /** The slug (or name, for a new alias) is in use already. */
  TAKEN = 'TAKEN',
  /** `expectedRevision` is not the entity's revision: someone changed it since you read it. */
  CONFLICT = 'CONFLICT',
  /** The entity is still needed (a source that is cited, or that an API key cites by default). */
  IN_USE = 'IN_USE',
}
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation refused its input.',
  valuesConfig: {
    INVALID: { description: 'A value is malformed or out of range.' },
    NOT_FOUND: { description: 'A slug or id names nothing.' },
    TAKEN: { description: 'The slug is in use already, or the link exists already.' },
    CONFLICT: { description: '`expectedRevision` is not the current revision: read the entity again and retry.' },
    IN_USE: { description: 'The entity is still needed: a source that facts or an API key cite.' },
  },
});

/** One thing wrong with a mutation's input; nothing was written. */
@ObjectType({ description: "One thing wrong with a mutation's input. A payload with userErrors wrote nothing." })
export class UserError {
  @Field(() => [String], { description: 'The path of the offending field in the input, e.g. ["input", "category"].' })
  field: string[];

  @Field({ description: 'What is wrong and how to fix it.' })
  message: string;

  @Field(() => UserErrorCode, { description: 'The kind of problem, to switch on.' })
  code: UserErrorCode;
}
