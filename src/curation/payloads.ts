import { validate, type ValidationError } from 'class-validator';
import { Field, ID, Int, ObjectType, type ClassType } from 'type-graphql';
import { NODE_ENTITIES } from '../model/entities';
import { NODE_TYPES, type NodeKey } from '../model/node-types';
import { Node } from '../shared/node';
import { UserError, UserErrorCode } from './user-error';

/** What every mutation payload has. */
export interface Payload {
  userErrors: UserError[];
}

/** The payload of a create or update: `{ <type>: Type, userErrors }`, one class per node type. */
export function entityPayload(key: NodeKey): ClassType {
  const type = NODE_TYPES[key].graphqlType;
  class EntityPayload {
    userErrors: UserError[];
  }
  Object.defineProperty(EntityPayload, 'name', { value: `${type}Payload` });
  Field(() => NODE_ENTITIES[key], {
    nullable: true,
    description: `The ${type.toLowerCase()} as it is after the mutation; null when it was refused.`,
  })(EntityPayload.prototype, key);
  Field(() => [UserError], { description: 'What was wrong with the input; empty when the mutation succeeded.' })(
    EntityPayload.prototype,
    'userErrors',
  );
  ObjectType(`${type}Payload`, { description: `What a create or update of a ${type.toLowerCase()} did.` })(EntityPayload);
  return EntityPayload;
}

@ObjectType({ description: 'What a delete did.' })
export class DeletePayload {
  @Field(() => ID, { nullable: true, description: 'The global id the deleted entity had; null when the delete was refused.' })
  deletedId: string | null;

  @Field(() => Int, { description: 'Links (and references from other entities, set to none) that went with it.' })
  removedLinks: number;

  @Field(() => [UserError], { description: 'What was wrong with the input; empty when the mutation succeeded.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'What a change to a role, skill or tool did.' })
export class NodePayload {
  @Field(() => Node, { nullable: true, description: 'The entity as it is after the mutation; null when it was refused.' })
  node: Node | null;

  @Field(() => [UserError], { description: 'What was wrong with the input; empty when the mutation succeeded.' })
  userErrors: UserError[];
}

/** class-validator's failures of an input as userErrors, each at its field's path. */
export async function inputErrors(input: object): Promise<UserError[]> {
  const walk = (errors: ValidationError[], path: string[]): UserError[] =>
    errors.flatMap((e) => [
      ...Object.values(e.constraints ?? {}).map((message) => ({ field: [...path, e.property], message, code: UserErrorCode.INVALID })),
      ...walk(e.children ?? [], [...path, e.property]),
    ]);
  return walk(await validate(input, { skipMissingProperties: true, forbidUnknownValues: false }), ['input']);
}
