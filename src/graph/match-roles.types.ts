import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Role } from '../role/role.entity';
import { ExtractedEntity } from '../extract/extract.types';
import { ConnectionType, EdgeType } from '../shared/connection';
import { WeightedSkill, WeightedTool } from './graph.types';
import { MATCH_SCORE_FORMULA } from './match-roles.store';

/** The role's items a match lists, heaviest first. */
export interface MatchItems {
  matchedSkills: WeightedSkill[];
  matchedTools: WeightedTool[];
  missingEssentialSkills: WeightedSkill[];
  missingEssentialTools: WeightedTool[];
}

@ObjectType({
  description: `A role ranked by how well it fits the given skills and tools on both sides: score = ${MATCH_SCORE_FORMULA.sums}, the F-measure (${MATCH_SCORE_FORMULA.beta}) of coverage and usage. matchedSkills and matchedTools list every item behind matchedWeight.`,
})
export class RoleMatchEdge extends EdgeType(Role) {
  @Field(() => Float, {
    description: `From 0 to 1: ${MATCH_SCORE_FORMULA.ratio} = ${MATCH_SCORE_FORMULA.sums}.`,
  })
  score: number;

  @Field(() => Float, { description: 'How much of the role the given items cover, from 0 to 1: matchedWeight / totalWeight.' })
  coverage: number;

  @Field(() => Float, { description: 'How much of what was given the role uses, by its weights, from 0 to 1: matchedWeight / givenCount.' })
  usage: number;

  @Field(() => Int, { description: 'How many distinct skills and tools were given.' })
  givenCount: number;

  @Field(() => Float, { description: "Sum of the weights of the role's skills and tools that were given." })
  matchedWeight: number;

  @Field(() => Float, { description: "Sum of the weights of all the role's skills and tools." })
  totalWeight: number;

  /** Set by the resolver: loads the listed items once, when first asked for. */
  loadItems: () => Promise<MatchItems>;

  @Field(() => [WeightedSkill], { description: "The role's skills that were given, heaviest first, then by name." })
  async matchedSkills(): Promise<WeightedSkill[]> {
    return (await this.loadItems()).matchedSkills;
  }

  @Field(() => [WeightedTool], { description: "The role's tools that were given, heaviest first, then by name." })
  async matchedTools(): Promise<WeightedTool[]> {
    return (await this.loadItems()).matchedTools;
  }

  @Field(() => [WeightedSkill], { description: "The role's ESSENTIAL skills that were not given, heaviest first, then by name." })
  async missingEssentialSkills(): Promise<WeightedSkill[]> {
    return (await this.loadItems()).missingEssentialSkills;
  }

  @Field(() => [WeightedTool], { description: "The role's ESSENTIAL tools that were not given, heaviest first, then by name." })
  async missingEssentialTools(): Promise<WeightedTool[]> {
    return (await this.loadItems()).missingEssentialTools;
  }
}

@ObjectType({ description: 'A page of RoleMatchEdge items, best match first.' })
export class RoleMatchConnection extends ConnectionType(Role, RoleMatchEdge) {
  @Field(() => [ExtractedEntity], {
    nullable: true,
    description:
      'The skills and tools read from `text` and matched against (confidence 0.5 or more), in the order of the text; null when no text was given.',
  })
  extracted: ExtractedEntity[] | null;
}
