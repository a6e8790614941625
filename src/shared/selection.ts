import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects `name` directly (through fragments and inline
 * fragments too), so a resolver can skip work nobody asked for, such as counting a whole list.
 * Each fragment is walked once.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return selection.name.value === name;
        case Kind.INLINE_FRAGMENT:
          return walk(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          if (seen.has(selection.name.value)) return false;
          seen.add(selection.name.value);
          return walk(info.fragments[selection.name.value]?.selectionSet);
        }
      }
    });
  return info.fieldNodes.some((node) => walk(node.selectionSet));
}
