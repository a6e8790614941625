import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Source } from '../source/source.entity';
import { graphLinkKey } from './graph.loaders';
import { DEFAULT_EDGES_PER_NODE, SkillGraphEdgesArgs } from './graph.inputs';
import { SkillGraph, SkillGraphEdge } from './skill-graph.types';

/** `SkillGraph.edges`: a slice of the links the walk found, strongest first. */
@Resolver(() => SkillGraph)
export class SkillGraphResolver {
  @FieldResolver(() => [SkillGraphEdge], {
    description:
      `Links of the chosen kinds between two of the nodes, strongest first: the walk's tree (each node's heaviest link to the node that reached it, so every node is connected), ` +
      "then the others by their rank among the links of the end where they rank higher (each node's links by weight descending), then weight descending. " +
      `So the first n links hold each node's strongest ones. At most \`first\` of them (${DEFAULT_EDGES_PER_NODE} per node asked for by default), after \`offset\`; \`edgeCount\` says how many there are.`,
  })
  edges(@Root() graph: SkillGraph, @Args() args: SkillGraphEdgesArgs): SkillGraphEdge[] {
    const first = args.first ?? DEFAULT_EDGES_PER_NODE * graph.maxNodes;
    return graph.links.slice(args.offset, args.offset + first);
  }
}

/** `SkillGraphEdge.sources`: the provenance of each drawn link, batched across every edge of the answer. */
@Resolver(() => SkillGraphEdge)
export class SkillGraphEdgeResolver {
  @FieldResolver(() => [Source], {
    description:
      'The sources that support this link, by title (none for a link filing an item under a category, which is part of the entry itself).',
  })
  sources(@Root() edge: SkillGraphEdge, @Ctx() ctx: Context): Promise<Source[]> {
    return ctx.loaders.graph.sourcesByGraphLink.load(graphLinkKey(edge.link));
  }
}
