import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { ConnectionArgs } from '../shared/connection-args';
import { SkillGraphEdgeKind } from './skill-graph.types';

/** Most skills or tools one list argument takes: far above any CV, and a bound on the work a request asks for. */
export const MAX_ITEMS = 200;
export const MAX_GRAPH_DEPTH = 4;
export const MAX_GRAPH_NODES = 1000;

const itemsMessage = (name: string) => `\`${name}\` takes at most ${MAX_ITEMS} skills and tools.`;

/** Arguments of `matchRoles`. */
@ArgsType()
export class MatchRolesArgs extends ConnectionArgs {
  @Field(() => [ID], {
    nullable: true,
    description: `Skills the person has, by id or slug (at most ${MAX_ITEMS}). A slug is looked up as a skill and as a tool, so "rest" works here too.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_ITEMS, { message: itemsMessage('skills') })
  declare skills?: string[];

  @Field(() => [ID], {
    nullable: true,
    description: `Tools the person uses, by id or slug (at most ${MAX_ITEMS}); slugs are looked up as tools and as skills.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_ITEMS, { message: itemsMessage('tools') })
  declare tools?: string[];
}

/** Arguments of `skillGap`: a target, and either a role or a set of skills and tools. */
@ArgsType()
export class SkillGapArgs {
  @Field(() => ID, { description: 'The target role, by id or slug.' })
  declare to: string;

  @Field(() => ID, { nullable: true, description: 'The role the person is in, by id or slug. Pass exactly one of `from` and `have`.' })
  declare from?: string;

  @Field(() => [ID], {
    nullable: true,
    description: `The skills and tools the person has, by id or slug (at most ${MAX_ITEMS}); an empty list gives the whole role as the gap. Pass exactly one of \`from\` and \`have\`.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_ITEMS, { message: itemsMessage('have') })
  declare have?: string[];
}

/** Arguments of `skillGraph`. */
@ArgsType()
export class SkillGraphArgs {
  @Field(() => ID, { description: 'Global id of the role, skill, tool, responsibility or category to start from.' })
  declare root: string;

  @Field(() => Int, { defaultValue: 2, description: `How many links away from the root to go, 0 to ${MAX_GRAPH_DEPTH}.` })
  @IsInt()
  @Min(0, { message: `\`depth\` must be between 0 and ${MAX_GRAPH_DEPTH}.` })
  @Max(MAX_GRAPH_DEPTH, { message: `\`depth\` must be between 0 and ${MAX_GRAPH_DEPTH}.` })
  declare depth: number;

  @Field(() => Int, {
    defaultValue: 200,
    description: `Most nodes to return, 1 to ${MAX_GRAPH_NODES}, root included; \`truncated\` says when it cut the walk short.`,
  })
  @IsInt()
  @Min(1, { message: `\`maxNodes\` must be between 1 and ${MAX_GRAPH_NODES}.` })
  @Max(MAX_GRAPH_NODES, { message: `\`maxNodes\` must be between 1 and ${MAX_GRAPH_NODES}.` })
  declare maxNodes: number;

  @Field(() => [SkillGraphEdgeKind], { nullable: true, description: 'Which links to follow and return; all kinds when omitted.' })
  @IsOptional()
  @ArrayMinSize(1, { message: '`kinds` must name at least one kind; omit it to follow every kind.' })
  declare kinds?: SkillGraphEdgeKind[];
}

/** Links per node `SkillGraph.edges` returns when not told otherwise, and the most one request may ask for. */
export const DEFAULT_EDGES_PER_NODE = 5;
export const MAX_GRAPH_EDGES = 5000;

/** Arguments of `SkillGraph.edges`: a slice of the links, strongest first. */
@ArgsType()
export class SkillGraphEdgesArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Most links to return, 0 to ${MAX_GRAPH_EDGES}; ${DEFAULT_EDGES_PER_NODE} per node asked for (\`maxNodes\`) when omitted. Compare with \`edgeCount\`.`,
  })
  @IsOptional()
  @IsInt()
  @Min(0, { message: `\`first\` must be between 0 and ${MAX_GRAPH_EDGES}.` })
  @Max(MAX_GRAPH_EDGES, { message: `\`first\` must be between 0 and ${MAX_GRAPH_EDGES}; ask again with \`offset\` for more.` })
  declare first?: number;

  @Field(() => Int, {
    defaultValue: 0,
    description: 'How many of the strongest links to skip: the next slice starts where the last ended.',
  })
  @IsInt()
  @Min(0, { message: '`offset` must be 0 or more.' })
  declare offset: number;
}
