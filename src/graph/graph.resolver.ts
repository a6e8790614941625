import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { toExtractedEntities } from '../extract/extract.resolver';
import { extractItems, MAX_TEXT_LENGTH } from '../extract/extract.service';
import type { Role } from '../role/role.entity';
import { toConnection } from '../shared/connection';
import { NotFoundError, UserInputError } from '../shared/errors';
import { parseSlugOrId } from '../shared/global-id';
import { toPageWindow } from '../shared/page-window';
import { MatchRolesArgs, SkillGapArgs, SkillGraphArgs } from './graph.inputs';
import { itemKey } from './item';
import { resolveItems, type ItemRef } from './item-refs';
import { loadMatchItems, MATCH_ROLES_DESCRIPTION, matchOf, matchRolesPage } from './match-roles.service';
import { RoleMatchConnection, RoleMatchEdge, type MatchItems } from './match-roles.types';
import { skillGap } from './skill-gap.service';
import { SkillGap } from './skill-gap.types';
import { skillGraph } from './skill-graph.service';
import { SkillGraph } from './skill-graph.types';

/** The `text` argument of matchRoles and skillGap: a scalar argument, so the remembering validator never keeps it. */
const TEXT_ARG = {
  nullable: true,
  description: `A CV or posting to read the skills and tools from (as \`extract\` does, confidence 0.5 or more), at most ${MAX_TEXT_LENGTH} characters; \`extracted\` lists what was read.`,
};

/** Career queries across the graph: role matching, skill gaps, and the graph for drawing. */
@Resolver()
export class GraphResolver {
  @Query(() => RoleMatchConnection, { description: MATCH_ROLES_DESCRIPTION })
  async matchRoles(@Args() args: MatchRolesArgs, @Ctx() ctx: Context, @Arg('text', () => String, TEXT_ARG) text?: string | null) {
    const skills = args.skills ?? [];
    const tools = args.tools ?? [];
    if (skills.length === 0 && tools.length === 0 && (text === undefined || text === null)) {
      throw new UserInputError('Pass at least one skill or tool in `skills` or `tools`, or a `text`, to match roles against.', 'skills');
    }
    const window = toPageWindow(args);
    const [named, read] = await Promise.all([
      resolveItems(ctx.dataSource, [
        { argument: 'skills', values: skills },
        { argument: 'tools', values: tools },
      ]),
      text === undefined || text === null ? null : extractItems(ctx.writer, ctx.dataSource, text, 'text'),
    ]);
    const have = read ? unionItems(named, read.items) : named;
    const page = await matchRolesPage(ctx.dataSource, have, window);
    const { itemByKey } = ctx.loaders.graph;
    const connection = toConnection(page, (item, base) => {
      const { items, ...figures } = matchOf(item.link);
      let loaded: Promise<MatchItems> | undefined;
      return Object.assign(new RoleMatchEdge(), base, figures, {
        loadItems: () => (loaded ??= loadMatchItems(items, (key) => itemByKey.load(key))),
      });
    });
    return Object.assign(connection, { extracted: read ? toExtractedEntities(ctx.loaders, read.extracted) : null });
  }

  @Query(() => SkillGap, {
    description:
      'What a person must learn for the role `to`: its skills and tools not yet covered (essential and optional, heaviest first) and those covered, with coverage = covered weight / total weight. ' +
      'Give the person as a role (`from`), as the skills and tools they have (`have`) or as a text to read them from (`text`, a CV), exactly one of the three.',
  })
  async skillGap(
    @Args() args: SkillGapArgs,
    @Ctx() ctx: Context,
    @Arg('text', () => String, TEXT_ARG) text?: string | null,
  ): Promise<SkillGap> {
    const hasFrom = args.from !== undefined && args.from !== null;
    const hasHave = args.have !== undefined && args.have !== null;
    const hasText = text !== undefined && text !== null;
    const given = [hasFrom, hasHave, hasText].filter(Boolean).length;
    if (given !== 1) {
      throw new UserInputError(
        `Pass exactly one of \`from\` (a role), \`have\` (skills and tools) and \`text\` (a CV)${given > 1 ? ', not several' : ''}.`,
        'from',
      );
    }
    if (hasText) {
      const toRole = await findRole(ctx, parseSlugOrId(args.to, 'Role', 'to'), args.to, 'to');
      const read = await extractItems(ctx.writer, ctx.dataSource, text, 'text');
      const gap = await skillGap(ctx.dataSource, toRole, { items: read.items });
      return Object.assign(gap, { extracted: toExtractedEntities(ctx.loaders, read.extracted) });
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
      'with the links between the nodes strongest first (5 per node by default: see `SkillGraph.edges` and `edgeCount`). Deterministic: the same arguments give the same graph in the same order.',
  })
  skillGraph(@Args() args: SkillGraphArgs, @Ctx() ctx: Context): Promise<SkillGraph> {
    return skillGraph(ctx, { root: args.root, depth: args.depth, maxNodes: args.maxNodes, kinds: args.kinds });
  }
}

/** Items named and items read, each once. */
function unionItems(a: readonly ItemRef[], b: readonly ItemRef[]): ItemRef[] {
  const seen = new Map<string, ItemRef>();
  for (const item of [...a, ...b]) seen.set(itemKey(item.type, item.rowId), item);
  return [...seen.values()];
}

async function findRole(ctx: Context, slug: string, value: string, argument: string): Promise<Role> {
  const role = await ctx.loaders.roleBySlug.load(slug);
  if (!role) throw new NotFoundError(`No role has the ${value === slug ? 'slug' : 'id'} "${value}".`, argument);
  return role;
}
