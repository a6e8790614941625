import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { responsibilityFilterSql } from './responsibility.store';
import { skillFilterSql } from '../skill/skill.store';
import { roleFilterSql } from '../role/role.store';
import { path } from '../model/paths';
import { RoleConnectionArgs } from '../role/role.inputs';
import { lookup, LookupArgs } from '../shared/lookup';
import { listConnection, relationConnection } from '../loaders/connections';
import { SkillConnectionArgs } from '../skill/skill.inputs';
import { citationKey } from '../source/citation.entity';
import { Source } from '../source/source.entity';
import {
  ResponsibilityConnection,
  ResponsibilityRoleConnection,
  ResponsibilityRoleEdge,
  ResponsibilitySkillConnection,
  ResponsibilitySkillEdge,
} from './responsibility.connections';
import { Responsibility } from './responsibility.entity';
import { ResponsibilityConnectionArgs } from './responsibility.inputs';

/** Responsibilities: lookups, the list, and the roles and skills of each. */
@Resolver(() => Responsibility)
export class ResponsibilityResolver {
  @Query(() => Responsibility, { nullable: true, description: 'One responsibility by id or slug; null when none matches.' })
  responsibility(@Args() args: LookupArgs, @Ctx() ctx: Context): Promise<Responsibility | null> {
    return lookup(args, 'Responsibility', ctx.loaders.responsibilityBySlug);
  }

  @Query(() => ResponsibilityConnection, { description: 'All responsibilities, paged, filtered and sorted.' })
  responsibilities(@Args() args: ResponsibilityConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listConnection(ctx, info, 'responsibility', args, responsibilityFilterSql(args.filter), args.orderBy);
  }

  @FieldResolver(() => ResponsibilityRoleConnection, { description: 'The roles that carry this responsibility.' })
  roles(@Root() responsibility: Responsibility, @Args() args: RoleConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('roleResponsibility', 'in'), responsibility.rowId, args, ResponsibilityRoleEdge, {
      where: roleFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => ResponsibilitySkillConnection, { description: 'The skills this responsibility calls for.' })
  skills(@Root() responsibility: Responsibility, @Args() args: SkillConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('responsibilitySkill', 'out'), responsibility.rowId, args, ResponsibilitySkillEdge, {
      where: skillFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => [Source], { description: 'The sources that mention this responsibility.' })
  sources(@Root() responsibility: Responsibility, @Ctx() ctx: Context): Promise<Source[]> {
    return ctx.loaders.sourcesByCitation.load(citationKey('responsibility', responsibility.rowId));
  }
}
