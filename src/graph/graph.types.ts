import { Field, Float, ObjectType } from 'type-graphql';
import { Importance } from '../shared/enums';
import { Skill } from '../skill/skill.entity';
import { Tool } from '../tool/tool.entity';
import { LINK_WEIGHT_RULE } from '../model/weights';

/** A skill of a role with the weight it counts for in a score. */
@ObjectType({
  description: `A skill a role needs, with the weight it counts for in a score: ${LINK_WEIGHT_RULE}.`,
})
export class WeightedSkill {
  @Field(() => Skill, { description: 'The skill.' })
  skill: Skill;

  @Field(() => Importance, { description: 'How much the role depends on it.' })
  importance: Importance;

  @Field(() => Float, { nullable: true, description: 'O*NET importance rating, 1 to 5; null for curated links.' })
  importanceScore: number | null;

  @Field(() => Float, { description: 'What the skill counts for in the score, in (0, 1].' })
  weight: number;
}

/** A tool of a role with the weight it counts for in a score. */
@ObjectType({ description: `A tool a role uses, with the weight it counts for in a score: ${LINK_WEIGHT_RULE}.` })
export class WeightedTool {
  @Field(() => Tool, { description: 'The tool.' })
  tool: Tool;

  @Field(() => Importance, { description: 'How much the role depends on it.' })
  importance: Importance;

  @Field(() => Float, { description: 'What the tool counts for in the score, in (0, 1].' })
  weight: number;
}
