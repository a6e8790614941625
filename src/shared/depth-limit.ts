import { GraphQLError, Kind, type ASTNode, type FragmentDefinitionNode, type ValidationContext, type ValidationRule } from 'graphql';
import { ErrorCode } from './errors';

/**
 * Rejects queries nested deeper than `max` fields. Every list is paged, but nesting multiplies
 * pages (100 roles × 100 skills × 100 tools ...), so depth is the cheap guard against a query
 * that would make the server assemble millions of objects.
 */
export function depthLimit(max: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (node: ASTNode, seen: Set<string>): number => {
      switch (node.kind) {
        case Kind.FIELD:
          return node.selectionSet ? 1 + Math.max(0, ...node.selectionSet.selections.map((s) => depthOf(s, seen))) : 1;
        case Kind.INLINE_FRAGMENT:
        case Kind.OPERATION_DEFINITION:
          return Math.max(0, ...node.selectionSet.selections.map((s) => depthOf(s, seen)));
        case Kind.FRAGMENT_SPREAD: {
          const fragment = fragments.get(node.name.value);
          if (!fragment || seen.has(node.name.value)) return 0;
          return Math.max(0, ...fragment.selectionSet.selections.map((s) => depthOf(s, new Set([...seen, node.name.value]))));
        }
        default:
          return 0;
      }
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation, new Set());
        if (depth > max) {
          context.reportError(
            new GraphQLError(
              `The query is ${depth} levels deep; the limit is ${max}. Split it into several queries, using node(id:) to continue from an object.`,
              {
                nodes: [operation],
                extensions: { code: ErrorCode.QUERY_TOO_DEEP },
              },
            ),
          );
        }
        return false;
      },
    };
  };
}
