import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import type { Role } from '../role/role.entity';
import { toConnection } from '../shared/connection';
import { NotFoundError, UserInputError } from '../shared/errors';
import { parseSlugOrId } from '../shared/global-id';
import { toPageWindow } from '../shared/page-window';
import { MatchRolesArgs, SkillGapArgs, SkillGraphArgs } from './graph.inputs';
import { resolveItems } from './item-refs';
import { loadMatchItems, matchOf, matchRolesPage } from './match-roles.service';
import { RoleMatchConnection, RoleMatchEdge, type MatchItems } from './match-roles.types';
import { skillGap } from './skill-gap.service';
import { SkillGap } from './skill-gap.types';
import { skillGraph } from './skill-graph.service';
import { SkillGraph } from './skill-graph.types';

/** Career queries across the graph: role matching, skill gaps, and the graph for drawing. */
@Resolver()
export class GraphResolver {
  @Query(() => RoleMatchConnection, {
    description:
      "Roles ranked by how much of them the given skills and tools cover: score = (sum of the weights of the role's skills and tools given) / (sum of the weights of all of them), " +
      'weights 1.0 for ESSENTIAL, 0.5 for OPTIONAL, importanceScore / 5 where O*NET rates a skill. Best first, ties by name; only roles with at least one of the items. ' +
      'Pass at least one skill or tool; unknown ones are NOT_FOUND, listed in `extensions.unknown`.',
  })
  async matchRoles(@Args() args: MatchRolesArgs, @Ctx() ctx: Context) {
    const skills = args.skills ?? [];
    const tools = args.tools ?? [];
    if (skills.length === 0 && tools.length === 0) {
      throw new UserInputError('Pass at least one skill or tool in `skills` or `tools` to match roles against.', 'skills');
    }
    const window = toPageWindow(args);
    const have = await resolveItems(ctx.dataSource, [
      { argument: 'skills', values: skills },
      { argument: 'tools', values: tools },
    ]);
    const page = await matchRolesPage(ctx.dataSource, have, window);
    const { itemByKey } = ctx.loaders.graph;
    return toConnection(page, (item, base) => {
      const { items, ...figures } = matchOf(item.link);
      let loaded: Promise<MatchItems> | undefined;
      return Object.assign(new RoleMatchEdge(), base, figures, {
        loadItems: () => (loaded ??= loadMatchItems(items, (key) => itemByKey.load(key))),
      });
    });
  }

  @Query(() => SkillGap, {
    description:
      'What a person must learn for the role `to`: its skills and tools not yet covered (essential and optional, heaviest first) and those covered, with coverage = covered weight / total weight. ' +
      'Give the person as a role (`from`) or as the skills and tools they have (`have`), exactly one of the two.',
  })
  async skillGap(@Args() args: SkillGapArgs, @Ctx() ctx: Context): Promise<SkillGap> {
    const hasFrom = args.from !== undefined && args.from !== null;
    const hasHave = args.have !== undefined && args.have !== null;
    if (hasFrom === hasHave) {
      throw new UserInputError(
        `Pass exactly one of \`from\` (a role) and \`have\` (skills and tools)${hasFrom ? ', not both' : ''}.`,
        'from',
      );
    }
    const toSlug = parseSlugOrId(args.to, 'Role', 'to');
    const fromSlug = hasFrom ? parseSlugOrId(args.from!, 'Role', 'from') : null;
    const [to, from, have] = await Promise.all([
      findRole(ctx, toSlug, args.to, 'to'),
      fromSlug === null ? null : findRole(ctx, fromSlug, args.from!, 'from'),
      hasHave ? resolveItems(ctx.dataSource, [{ argument: 'have', values: args.have! }]) : null,
    ]);
    return skillGap(ctx.dataSource, to, from ? { role: from } : { items: have! });
  }

  @Query(() => SkillGraph, {
    description:
      'The neighbourhood of a node as nodes and edges, ready for D3 or Cytoscape.js: breadth-first from `root` over the chosen link kinds, up to `depth` links away and `maxNodes` nodes, ' +
      'with every link between the nodes returned. Deterministic: the same arguments give the same graph in the same order.',
  })
  skillGraph(@Args() args: SkillGraphArgs, @Ctx() ctx: Context): Promise<SkillGraph> {
    return skillGraph(ctx, { root: args.root, depth: args.depth, maxNodes: args.maxNodes, kinds: args.kinds });
  }
}

async function findRole(ctx: Context, slug: string, value: string, argument: string): Promise<Role> {
  const role = await ctx.loaders.roleBySlug.load(slug);
  if (!role) throw new NotFoundError(`No role has the ${value === slug ? 'slug' : 'id'} "${value}".`, argument);
  return role;
}
