import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/*
 * The query a client writes when it wants everything: every field of every possible type of an
 * abstract type, and below each object field every field of its type again (inline fragments for
 * each possible type of an abstract one). A type already being expanded higher up the path is not
 * expanded again (its field selects `__typename`), so the document is finite; `depth` bounds how
 * many object levels below the members are expanded (by default, all). Required arguments get a
 * literal of their type.
 */

/** `fragment Every<Type> on <Type> { ... on Member { every field } ... }` for a union or interface. */
export function everyFieldFragment(schema: GraphQLSchema, abstractName: string, depth = Infinity): string {
  const type = schema.getType(abstractName);
  if (!type || !isAbstractType(type)) throw new Error(`${abstractName} is not a union or an interface`);
  return `fragment Every${abstractName} on ${abstractName} ${selection(schema, type, [], depth + 1)}`;
}

function selection(schema: GraphQLSchema, type: GraphQLNamedType, path: string[], depth: number): string {
  if (isAbstractType(type)) {
    const members = schema.getPossibleTypes(type).map((member) => `... on ${member.name} ${selection(schema, member, path, depth)}`);
    return `{ __typename ${members.join(' ')} }`;
  }
  return `{ ${fieldsOf(schema, type as GraphQLObjectType, [...path, type.name], depth - 1).join(' ')} }`;
}

function fieldsOf(schema: GraphQLSchema, type: GraphQLObjectType, path: string[], depth: number): string[] {
  return Object.values(type.getFields()).map((field) => {
    const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
    const args = required.length ? `(${required.map((arg) => `${arg.name}: ${literal(arg)}`).join(', ')})` : '';
    const named = getNamedType(field.type);
    if (isLeafType(named)) return `${field.name}${args}`;
    const seen = isAbstractType(named) ? schema.getPossibleTypes(named).some((t) => path.includes(t.name)) : path.includes(named.name);
    return `${field.name}${args} ${seen || depth <= 0 ? '{ __typename }' : selection(schema, named, path, depth)}`;
  });
}

function literal(arg: GraphQLArgument): string {
  return valueOf(arg.type);
}

/** A literal of an input type: the smallest value it accepts. */
function valueOf(type: GraphQLInputType): string {
  if (isNonNullType(type)) return valueOf(type.ofType);
  if (isListType(type)) return `[${valueOf(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${fields.map((f) => `${f.name}: ${valueOf(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type) && (type.name === 'Int' || type.name === 'Float')) return '1';
  if (isScalarType(type) && type.name === 'Boolean') return 'true';
  return '"x"';
}

/** Every object type of the schema whose name ends in `Edge`: the types clients spread side by side under a connection. */
export function edgeTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter((t): t is GraphQLObjectType => isObjectType(t) && t.name.endsWith('Edge'));
}
