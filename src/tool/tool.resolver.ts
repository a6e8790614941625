import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Category } from '../category/category.entity';
import type { Context } from '../context';
import { skillFilterSql } from '../skill/skill.store';
import { toolFilterSql } from './tool.store';
import { roleFilterSql } from '../role/role.store';
import { path } from '../model/paths';
import { LinkedRoleConnectionArgs } from '../role/role.inputs';
import { lookup, LookupArgs } from '../shared/lookup';
import { listConnection, relationConnection } from '../loaders/connections';
import { SkillConnectionArgs } from '../skill/skill.inputs';
import { citationKey } from '../source/citation.entity';
import { Source } from '../source/source.entity';
import { ToolConnection, ToolRoleConnection, ToolRoleEdge, ToolSkillConnection, ToolSkillEdge } from './tool.connections';
import { Tool } from './tool.entity';
import { ToolConnectionArgs } from './tool.inputs';

/** Tools: lookups, the list, and every relation of a tool. */
@Resolver(() => Tool)
export class ToolResolver {
  @Query(() => Tool, { nullable: true, description: 'One tool by id or slug; null when none matches.' })
  tool(@Args() args: LookupArgs, @Ctx() ctx: Context): Promise<Tool | null> {
    return lookup(args, 'Tool', ctx.loaders.toolBySlug);
  }

  @Query(() => ToolConnection, { description: 'All tools, paged, filtered and sorted.' })
  tools(@Args() args: ToolConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listConnection(ctx, info, 'tool', args, toolFilterSql(args.filter), args.orderBy);
  }

  @FieldResolver(() => ToolRoleConnection, { description: 'The roles that use this tool; each edge carries importance and sources.' })
  roles(@Root() tool: Tool, @Args() args: LinkedRoleConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('roleTool', 'in'), tool.rowId, args, ToolRoleEdge, {
      where: roleFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => ToolSkillConnection, { description: 'The skills practised with this tool.' })
  skills(@Root() tool: Tool, @Args() args: SkillConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('skillTool', 'in'), tool.rowId, args, ToolSkillEdge, {
      where: skillFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => Category, { nullable: true, description: 'The category the tool is filed under.' })
  category(@Root() tool: Tool, @Ctx() ctx: Context): Promise<Category | null> | null {
    return tool.categoryId === null ? null : ctx.loaders.categoryById.load(tool.categoryId);
  }

  @FieldResolver(() => [Source], { description: 'The sources that mention this tool.' })
  sources(@Root() tool: Tool, @Ctx() ctx: Context): Promise<Source[]> {
    return ctx.loaders.sourcesByCitation.load(citationKey('tool', tool.rowId));
  }
}
