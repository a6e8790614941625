import { Field, Float, ObjectType } from 'type-graphql';
import { Role } from '../role/role.entity';
import { ExtractedEntity } from '../extract/extract.types';
import { ConnectionType, EdgeType } from '../shared/connection';
import { WeightedSkill, WeightedTool } from './graph.types';

/** The role's items a match lists, heaviest first. */
export interface MatchItems {
  matchedSkills: WeightedSkill[];
  matchedTools: WeightedTool[];
  missingEssentialSkills: WeightedSkill[];
  missingEssentialTools: WeightedTool[];
}

@ObjectType({
  description:
    'A role ranked by how much of it the given skills and tools cover: score = matchedWeight / totalWeight. matchedSkills and matchedTools list every item behind matchedWeight.',
})
export class RoleMatchEdge extends EdgeType(Role) {
  @Field(() => Float, { description: "Weighted coverage of the role's skills and tools, from 0 to 1: matchedWeight / totalWeight." })
  score: number;

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
