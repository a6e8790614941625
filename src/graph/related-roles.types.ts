import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Role } from '../role/role.entity';
import { ConnectionType, EdgeType } from '../shared/connection';
import { Importance } from '../shared/enums';
import { Skill } from '../skill/skill.entity';
import { Tool } from '../tool/tool.entity';
import { LINK_WEIGHT_RULE } from '../model/weights';

/**
 * What a shared item contributes to a similarity score. No field returns this type, so it never
 * reaches the schema; it only lends its fields to SharedSkill and SharedTool.
 */
@ObjectType('AbstractSharedItem')
abstract class SharedItem {
  @Field(() => Importance, { description: 'How much this role depends on it.' })
  importance: Importance;

  @Field(() => Importance, { description: 'How much the related role depends on it.' })
  relatedImportance: Importance;

  @Field(() => Float, {
    description: `Its weight in this role: ${LINK_WEIGHT_RULE}.`,
  })
  weight: number;

  @Field(() => Float, { description: 'Its weight in the related role, by the same rule.' })
  relatedWeight: number;

  @Field(() => Float, { description: "min(weight, relatedWeight): what it adds to the edge's sharedWeight." })
  contribution: number;
}

@ObjectType({ description: 'A skill both roles need, with what it contributes to their similarity.' })
export class SharedSkill extends SharedItem {
  @Field(() => Skill, { description: 'The skill.' })
  skill: Skill;
}

@ObjectType({ description: 'A tool both roles use, with what it contributes to their similarity.' })
export class SharedTool extends SharedItem {
  @Field(() => Tool, { description: 'The tool.' })
  tool: Tool;
}

/** The shared items of one edge, heaviest contribution first. */
export interface SharedItems {
  skills: SharedSkill[];
  tools: SharedTool[];
}

@ObjectType({
  description:
    'A role similar to this one by the skills and tools both need. score = sharedWeight / unionWeight (weighted Jaccard); sharedSkills and sharedTools list every item behind sharedWeight.',
})
export class SimilarRoleEdge extends EdgeType(Role) {
  @Field(() => Float, {
    description: 'Similarity from 0 (nothing in common) to 1 (the same skills and tools at the same weights): sharedWeight / unionWeight.',
  })
  score: number;

  @Field(() => Float, { description: "Sum over shared skills and tools of the smaller of the two weights (each item's contribution)." })
  sharedWeight: number;

  @Field(() => Float, {
    description:
      'Sum over every skill and tool of either role of the larger of the two weights (0 where a role lacks it): the total weight of both roles minus sharedWeight.',
  })
  unionWeight: number;

  @Field(() => Int, {
    nullable: true,
    description:
      "O*NET's rank of the related role among this role's Related Occupations (1 is the closest); null when O*NET does not list it.",
  })
  onetRank: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'O*NET relatedness tier (Primary-Short, Primary-Long, Supplemental); null when O*NET does not list it.',
  })
  onetTier: string | null;

  /** Set by the resolver: loads the shared items once, when first asked for. */
  loadShared: () => Promise<SharedItems>;

  @Field(() => [SharedSkill], { description: 'The skills both roles need, largest contribution first, then by name.' })
  async sharedSkills(): Promise<SharedSkill[]> {
    return (await this.loadShared()).skills;
  }

  @Field(() => [SharedTool], { description: 'The tools both roles use, largest contribution first, then by name.' })
  async sharedTools(): Promise<SharedTool[]> {
    return (await this.loadShared()).tools;
  }
}

@ObjectType({ description: 'A page of SimilarRoleEdge items, most similar first.' })
export class SimilarRoleConnection extends ConnectionType(Role, SimilarRoleEdge) {}
