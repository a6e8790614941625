import { Field, Float, ObjectType } from 'type-graphql';
import { ExtractedEntity } from '../extract/extract.types';
import { Role } from '../role/role.entity';
import { WeightedSkill, WeightedTool } from './graph.types';

@ObjectType({
  description:
    'What a person in one role, or with a set of skills and tools, must learn for a target role. coverage = coveredWeight / totalWeight; ' +
    'every skill and tool of the target role is in exactly one of the lists, each heaviest first, then by name.',
})
export class SkillGap {
  @Field(() => Role, { description: 'The target role.' })
  to: Role;

  @Field(() => Role, {
    nullable: true,
    description: 'The role the person is in; null when the gap was asked for a set of skills and tools (`have`).',
  })
  from: Role | null;

  @Field(() => Float, {
    description:
      'How much of the target role is covered, from 0 to 1: coveredWeight / totalWeight; 1 when the target role lists no skills or tools (totalWeight 0).',
  })
  coverage: number;

  @Field(() => Float, { description: 'Sum of the weights of the covered skills and tools (coveredSkills and coveredTools).' })
  coveredWeight: number;

  @Field(() => Float, { description: "Sum of the weights of all the target role's skills and tools." })
  totalWeight: number;

  @Field(() => [WeightedSkill], { description: 'ESSENTIAL skills of the target role not yet covered.' })
  missingEssentialSkills: WeightedSkill[];

  @Field(() => [WeightedSkill], { description: 'OPTIONAL skills of the target role not yet covered.' })
  missingOptionalSkills: WeightedSkill[];

  @Field(() => [WeightedTool], { description: 'ESSENTIAL tools of the target role not yet covered.' })
  missingEssentialTools: WeightedTool[];

  @Field(() => [WeightedTool], { description: 'OPTIONAL tools of the target role not yet covered.' })
  missingOptionalTools: WeightedTool[];

  @Field(() => [WeightedSkill], {
    description: 'Skills of the target role already covered (the `from` role has them, or they were given in `have`).',
  })
  coveredSkills: WeightedSkill[];

  @Field(() => [WeightedTool], { description: 'Tools of the target role already covered.' })
  coveredTools: WeightedTool[];

  @Field(() => [ExtractedEntity], {
    nullable: true,
    description:
      'The skills and tools read from `text` (confidence 0.5 or more), which count as covered; null when the person was given as `from` or `have`.',
  })
  extracted: ExtractedEntity[] | null;
}
