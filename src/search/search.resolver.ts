import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Category } from '../category/category.entity';
import type { Context, Loaders } from '../context';
import { Responsibility } from '../responsibility/responsibility.entity';
import { Role } from '../role/role.entity';
import { toConnection } from '../shared/connection';
import { toPageWindow } from '../shared/page-window';
import { Skill } from '../skill/skill.entity';
import { SearchArgs } from './search.inputs';
import { search, type SearchHit, type SearchNode } from './search.service';
import { SearchConnection, SearchEdge } from './search.types';

/** Full-text search across roles, responsibilities, skills, tools and categories. */
@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, {
    description:
      'Finds roles, responsibilities, skills, tools and categories by name, alias and description, best match first. ' +
      'Forgives case, accents, unfinished words and typos (one edit per word, two in words of eight letters or more); any text is safe to pass.',
  })
  async search(@Args() args: SearchArgs, @Ctx() ctx: Context): Promise<SearchConnection> {
    const page = await search(ctx.dataSource, { query: args.query, types: args.types, window: toPageWindow(args) });
    for (const item of page.items) prime(ctx.loaders, item.node);
    const connection = toConnection(page, (item, base) => {
      const { score, snippet } = item as SearchHit;
      return Object.assign(new SearchEdge(), base, { score, snippet });
    });
    return Object.assign(new SearchConnection(), connection, { correctedQuery: page.correctedQuery });
  }
}

/** Hands each hit to the request's loaders, so a later lookup of the same entity costs nothing. */
function prime(loaders: Loaders, node: SearchNode): void {
  if (node instanceof Category) {
    loaders.categoryById.prime(node.rowId, node);
    loaders.categoryBySlug.prime(node.slug, node);
  } else if (node instanceof Responsibility) {
    loaders.responsibilityById.prime(node.rowId, node);
    loaders.responsibilityBySlug.prime(node.slug, node);
  } else if (node instanceof Role) {
    loaders.roleById.prime(node.rowId, node);
    loaders.roleBySlug.prime(node.slug, node);
  } else if (node instanceof Skill) {
    loaders.skillById.prime(node.rowId, node);
    loaders.skillBySlug.prime(node.slug, node);
  } else {
    loaders.toolById.prime(node.rowId, node);
    loaders.toolBySlug.prime(node.slug, node);
  }
}
