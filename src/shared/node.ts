import { Field, ID, InterfaceType } from 'type-graphql';

/** Relay's Node: anything with a global id that `node(id:)` can fetch. */
@InterfaceType({
  description: 'An object with a global id, fetchable with `node(id:)`. Ids are opaque and stable across deployments.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id; stable across deployments of the same dataset.' })
  id: string;
}
