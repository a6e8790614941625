import { ArrayMaxSize } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import type DataLoader from 'dataloader';
import type { Context } from '../context';
import { nodeKeyOf } from '../model/node-types';
import { UserInputError } from '../shared/errors';
import { parseGlobalId } from '../shared/global-id';
import { Node } from '../shared/node';

export const MAX_NODES = 100;

@ArgsType()
class NodesArgs {
  @Field(() => [ID], { description: `Global ids, at most ${MAX_NODES}.` })
  @ArrayMaxSize(MAX_NODES, { message: `\`ids\` takes at most ${MAX_NODES} ids; split the request.` })
  declare ids: string[];
}

/** Relay's refetch entry points: anything by global id. */
@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when nothing has that id.' })
  node(@Arg('id', () => ID, { description: 'A global id from an `id` field.' }) id: string, @Ctx() ctx: Context) {
    return loadNode(id, ctx, 'id');
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Several objects by global id, in the order asked: null for a well-formed id that names nothing; a malformed id fails the whole field with BAD_USER_INPUT. At most ${MAX_NODES}.`,
  })
  nodes(@Args() { ids }: NodesArgs, @Ctx() ctx: Context) {
    return Promise.all(ids.map((id, i) => loadNode(id, ctx, `ids[${i}]`)));
  }
}

async function loadNode(id: string, ctx: Context, argument: string): Promise<Node | null> {
  const decoded = parseGlobalId(id);
  if (!decoded) throw new UserInputError(`"${id}" is not a valid id; ids come from the \`id\` field of an object.`, argument);
  const loader: DataLoader<string, Node | null> = ctx.loaders[`${nodeKeyOf(decoded.type)}BySlug`];
  return loader.load(decoded.slug);
}
