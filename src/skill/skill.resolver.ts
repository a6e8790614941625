import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { Category } from '../category/category.entity';
import type { Context } from '../context';
import { responsibilityFilterSql } from '../responsibility/responsibility.store';
import { skillFilterSql } from './skill.store';
import { toolFilterSql } from '../tool/tool.store';
import { roleFilterSql } from '../role/role.store';
import { path } from '../model/paths';
import { ResponsibilityConnectionArgs } from '../responsibility/responsibility.inputs';
import { SkillRoleConnectionArgs } from '../role/role.inputs';
import { lookup, LookupArgs } from '../shared/lookup';
import { listConnection, relationConnection } from '../loaders/connections';
import { citationKey } from '../source/citation.entity';
import { Source } from '../source/source.entity';
import { ToolConnectionArgs } from '../tool/tool.inputs';
import {
  SkillConnection,
  SkillResponsibilityConnection,
  SkillResponsibilityEdge,
  SkillRoleConnection,
  SkillRoleEdge,
  SkillToolConnection,
  SkillToolEdge,
} from './skill.connections';
import { Skill } from './skill.entity';
import { SkillConnectionArgs } from './skill.inputs';

/** Skills: lookups, the list, and every relation of a skill. */
@Resolver(() => Skill)
export class SkillResolver {
  @Query(() => Skill, { nullable: true, description: 'One skill by id or slug; null when none matches.' })
  skill(@Args() args: LookupArgs, @Ctx() ctx: Context): Promise<Skill | null> {
    return lookup(args, 'Skill', ctx.loaders.skillBySlug);
  }

  @Query(() => SkillConnection, { description: 'All skills, paged, filtered and sorted.' })
  skills(@Args() args: SkillConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listConnection(ctx, info, 'skill', args, skillFilterSql(args.filter), args.orderBy);
  }

  @FieldResolver(() => SkillRoleConnection, { description: 'The roles that need this skill; each edge carries importance and sources.' })
  roles(@Root() skill: Skill, @Args() args: SkillRoleConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('roleSkill', 'in'), skill.rowId, args, SkillRoleEdge, {
      where: roleFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => SkillToolConnection, { description: 'The tools this skill is practised with.' })
  tools(@Root() skill: Skill, @Args() args: ToolConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('skillTool', 'out'), skill.rowId, args, SkillToolEdge, {
      where: toolFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => SkillResponsibilityConnection, { description: 'The responsibilities that call for this skill.' })
  responsibilities(@Root() skill: Skill, @Args() args: ResponsibilityConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('responsibilitySkill', 'in'), skill.rowId, args, SkillResponsibilityEdge, {
      where: responsibilityFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => Category, { nullable: true, description: 'The category the skill is filed under.' })
  category(@Root() skill: Skill, @Ctx() ctx: Context): Promise<Category | null> | null {
    return skill.categoryId === null ? null : ctx.loaders.categoryById.load(skill.categoryId);
  }

  @FieldResolver(() => [Source], { description: 'The sources that mention this skill.' })
  sources(@Root() skill: Skill, @Ctx() ctx: Context): Promise<Source[]> {
    return ctx.loaders.sourcesByCitation.load(citationKey('skill', skill.rowId));
  }
}
