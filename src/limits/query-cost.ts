import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { PRICES, type Args, type PriceRegistry } from './prices';

/*
 * The cost of an operation, computed from the document and the variables before anything runs.
 * The formula and the prices are in src/limits/prices.ts; this file only walks the query.
 *
 * The walk is linear in the size of the document: a selection set's cost is per parent object,
 * so the cost of a field is its own price plus (items of its list) × (cost of its selection set),
 * and a fragment's cost is computed once per page size and reused at every spread. A fragment
 * spread twice costs twice (as written, not as merged): 25 fragments that each spread the previous
 * one twice cost 2^24 times the first, in 25 steps.
 */

type Variables = Record<string, unknown>;

/**
 * The cost of `operation` with `variables`, or undefined when the variables do not fit the
 * operation (execution then rejects them before any resolver runs).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Variables | undefined,
  prices: PriceRegistry = PRICES,
): number | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return undefined;
  const variables = coerced.coerced;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return undefined;

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fragmentCosts = new Map<string, number>();
  const walking = new Set<string>();

  const included = (node: SelectionNode): boolean => {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  };

  /** Cost of a selection set for one object of `type`, whose lists hold `page` items. */
  const setCost = (set: SelectionSetNode, type: GraphQLNamedType, page: number | undefined): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      switch (selection.kind) {
        case Kind.FIELD:
          total += fieldCost(selection, type, page);
          break;
        case Kind.INLINE_FRAGMENT: {
          const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
          if (condition) total += setCost(selection.selectionSet, condition, page);
          break;
        }
        case Kind.FRAGMENT_SPREAD:
          total += fragmentCost(selection.name.value, page);
          break;
      }
    }
    return total;
  };

  const fragmentCost = (name: string, page: number | undefined): number => {
    const key = `${name}:${page ?? ''}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    // Validation rejects unknown and cyclic fragments; never loop on one anyway.
    if (!fragment || walking.has(key)) return 0;
    const type = schema.getType(fragment.typeCondition.name.value);
    if (!type) return 0;
    walking.add(key);
    const cost = setCost(fragment.selectionSet, type, page);
    walking.delete(key);
    fragmentCosts.set(key, cost);
    return cost;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType, parentPage: number | undefined): number => {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') return prices.introspection[name];
    if (name === '__typename') return prices.value;
    const field = fieldOf(parent, name);
    if (!field) return prices.value;
    const price = prices.fields[`${parent.name}.${name}`] ?? {};
    const args = argumentsOf(field, node, variables);
    const own = prices.value + (price.work?.(args) ?? 0);
    if (!node.selectionSet) return own;
    const page = price.page?.(args) ?? connectionPage(field, args, prices);
    const items = isListType(getNullableType(field.type)) ? listItems(name, price.items, args, parentPage, prices) : 1;
    return own + items * setCost(node.selectionSet, getNamedType(field.type), page);
  };

  return setCost(operation.selectionSet, rootType, undefined);
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Variables): Args {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    // A bad argument value fails the field when it runs; price the field as if it had none.
    return {};
  }
}

/** A connection's page: `first`, else `last`, else the default, within what the API allows. */
function connectionPage(field: GraphQLField<unknown, unknown>, args: Args, prices: PriceRegistry): number | undefined {
  if (!field.args.some((arg) => arg.name === 'first')) return undefined;
  const asked = [args.first, args.last].find((n): n is number => typeof n === 'number');
  return Math.min(Math.max(asked ?? prices.defaultPageSize, 0), prices.maxPageSize);
}

/** Items of a list field: its own rule, else its parent's page for edges and nodes, else the assumed size. */
function listItems(
  name: string,
  rule: ((args: Args, parentPage: number | undefined) => number) | undefined,
  args: Args,
  parentPage: number | undefined,
  prices: PriceRegistry,
): number {
  if (rule) return rule(args, parentPage);
  if (parentPage !== undefined && (name === 'edges' || name === 'nodes')) return parentPage;
  return prices.namedListItems[name] ?? prices.listItems;
}
