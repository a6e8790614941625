import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { categoryFilterSql } from './category.store';
import { skillFilterSql } from '../skill/skill.store';
import { toolFilterSql } from '../tool/tool.store';
import { path } from '../model/paths';
import { lookup, LookupArgs } from '../shared/lookup';
import { listConnection, relationConnection } from '../loaders/connections';
import { SkillConnection, SkillEdge } from '../skill/skill.connections';
import { SkillConnectionArgs } from '../skill/skill.inputs';
import { ToolConnection, ToolEdge } from '../tool/tool.connections';
import { ToolConnectionArgs } from '../tool/tool.inputs';
import { CategoryConnection, CategoryEdge } from './category.connections';
import { Category } from './category.entity';
import { CategoryConnectionArgs } from './category.inputs';

/** Categories: lookups, the list, the hierarchy and what each groups. */
@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => Category, { nullable: true, description: 'One category by id or slug; null when none matches.' })
  category(@Args() args: LookupArgs, @Ctx() ctx: Context): Promise<Category | null> {
    return lookup(args, 'Category', ctx.loaders.categoryBySlug);
  }

  @Query(() => CategoryConnection, { description: 'All categories, paged, filtered and sorted.' })
  categories(@Args() args: CategoryConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listConnection(ctx, info, 'category', args, categoryFilterSql(args.filter), args.orderBy);
  }

  @FieldResolver(() => Category, { nullable: true, description: 'The broader category; null for a top-level one.' })
  parent(@Root() category: Category, @Ctx() ctx: Context): Promise<Category | null> | null {
    return category.parentId === null ? null : ctx.loaders.categoryById.load(category.parentId);
  }

  @FieldResolver(() => CategoryConnection, { description: 'The direct subcategories.' })
  children(@Root() category: Category, @Args() args: CategoryConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('categoryParent', 'in'), category.rowId, args, CategoryEdge, {
      where: categoryFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => SkillConnection, { description: 'The skills filed directly under this category.' })
  skills(@Root() category: Category, @Args() args: SkillConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('skillCategory', 'in'), category.rowId, args, SkillEdge, {
      where: skillFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => ToolConnection, { description: 'The tools filed directly under this category.' })
  tools(@Root() category: Category, @Args() args: ToolConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('toolCategory', 'in'), category.rowId, args, ToolEdge, {
      where: toolFilterSql(args.filter),
      order: args.orderBy,
    });
  }
}
