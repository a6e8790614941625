import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { sourceFilterSql } from './source.store';
import { lookup, LookupArgs } from '../shared/lookup';
import { listConnection } from '../loaders/connections';
import { SourceConnection } from './source.connections';
import { Source } from './source.entity';
import { SourceConnectionArgs } from './source.inputs';

/** Sources: lookups and the list. */
@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, { nullable: true, description: 'One source by id or slug; null when none matches.' })
  source(@Args() args: LookupArgs, @Ctx() ctx: Context): Promise<Source | null> {
    return lookup(args, 'Source', ctx.loaders.sourceBySlug);
  }

  @Query(() => SourceConnection, { description: 'All sources the dataset cites, paged.' })
  sources(@Args() args: SourceConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listConnection(ctx, info, 'source', args, sourceFilterSql(args.filter), args.orderBy);
  }
}
