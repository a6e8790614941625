import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { responsibilityFilterSql } from '../responsibility/responsibility.store';
import { skillFilterSql } from '../skill/skill.store';
import { toolFilterSql } from '../tool/tool.store';
import { roleFilterSql } from './role.store';
import { path } from '../model/paths';

import { OrderDirection } from '../shared/enums';
import { lookup, LookupArgs } from '../shared/lookup';
import { listConnection, relationConnection } from '../loaders/connections';
import { LinkedSkillConnectionArgs } from '../skill/skill.inputs';
import { citationKey } from '../source/citation.entity';
import { Source } from '../source/source.entity';
import { LinkedToolConnectionArgs } from '../tool/tool.inputs';
import {
  RoleCollaborationConnection,
  RoleCollaborationEdge,
  RoleConnection,
  RoleRelatedConnection,
  RoleRelatedEdge,
  RoleResponsibilityConnection,
  RoleResponsibilityEdge,
  RoleSkillConnection,
  RoleSkillEdge,
  RoleSpecializationConnection,
  RoleSpecializationEdge,
  RoleToolConnection,
  RoleToolEdge,
} from './role.connections';
import { Role } from './role.entity';
import { RelatedOccupationConnectionArgs, RoleConnectionArgs } from './role.inputs';
import { ResponsibilityConnectionArgs } from '../responsibility/responsibility.inputs';

/** Roles: lookups, the list, and every relation of a role. */
@Resolver(() => Role)
export class RoleResolver {
  @Query(() => Role, { nullable: true, description: 'One role by id or slug; null when none matches.' })
  role(@Args() args: LookupArgs, @Ctx() ctx: Context): Promise<Role | null> {
    return lookup(args, 'Role', ctx.loaders.roleBySlug);
  }

  @Query(() => RoleConnection, { description: 'All roles, paged, filtered and sorted.' })
  roles(@Args() args: RoleConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listConnection(ctx, info, 'role', args, roleFilterSql(args.filter), args.orderBy);
  }

  @FieldResolver(() => RoleSkillConnection, { description: 'The skills the role needs; each edge carries importance and sources.' })
  skills(@Root() role: Role, @Args() args: LinkedSkillConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('roleSkill', 'out'), role.rowId, args, RoleSkillEdge, {
      where: skillFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => RoleToolConnection, { description: 'The tools the role uses; each edge carries importance and sources.' })
  tools(@Root() role: Role, @Args() args: LinkedToolConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('roleTool', 'out'), role.rowId, args, RoleToolEdge, {
      where: toolFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => RoleResponsibilityConnection, { description: 'The responsibilities the role carries.' })
  responsibilities(@Root() role: Role, @Args() args: ResponsibilityConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('roleResponsibility', 'out'), role.rowId, args, RoleResponsibilityEdge, {
      where: responsibilityFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => RoleSpecializationConnection, { description: 'Narrower roles that specialise this one.' })
  specializations(@Root() role: Role, @Args() args: RoleConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('specialization', 'out'), role.rowId, args, RoleSpecializationEdge, {
      where: roleFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => RoleCollaborationConnection, { description: 'Roles this one works with (both directions of the link).' })
  collaboratesWith(@Root() role: Role, @Args() args: RoleConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('roleCollaboration', 'out'), role.rowId, args, RoleCollaborationEdge, {
      where: roleFilterSql(args.filter),
      order: args.orderBy,
    });
  }

  @FieldResolver(() => RoleRelatedConnection, {
    description: 'Roles an external taxonomy (O*NET Related Occupations) ranks as related, closest first; empty for curated roles.',
  })
  relatedOccupations(@Root() role: Role, @Args() args: RelatedOccupationConnectionArgs, @Ctx() ctx: Context) {
    return relationConnection(ctx, path('relatedOccupation', 'out'), role.rowId, args, RoleRelatedEdge, {
      where: roleFilterSql(args.filter),
      order: args.orderBy ?? { field: 'RANK', direction: OrderDirection.ASC },
    });
  }

  @FieldResolver(() => Role, { nullable: true, description: 'The broader role this one specialises, if any.' })
  broader(@Root() role: Role, @Ctx() ctx: Context): Promise<Role | null> | null {
    return role.broaderId === null ? null : ctx.loaders.roleById.load(role.broaderId);
  }

  @FieldResolver(() => [Source], { description: 'The sources that mention this role.' })
  sources(@Root() role: Role, @Ctx() ctx: Context): Promise<Source[]> {
    return ctx.loaders.sourcesByCitation.load(citationKey('role', role.rowId));
  }
}
