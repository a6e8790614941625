import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Responsibility } from '../responsibility/responsibility.entity';
import { Role } from './role.entity';
import { Skill } from '../skill/skill.entity';
import { Tool } from '../tool/tool.entity';
import { ConnectionType, EdgeType } from '../shared/connection';
import { Importance } from '../shared/enums';
import { LinkEdgeType } from '../shared/link-edge';

@ObjectType({ description: 'A role in a list.' })
export class RoleEdge extends EdgeType(Role) {}

@ObjectType({ description: 'A page of RoleEdge items.' })
export class RoleConnection extends ConnectionType(Role, RoleEdge) {}

@ObjectType({ description: 'A skill the role needs, with its importance and the sources that say so.' })
export class RoleSkillEdge extends LinkEdgeType(Skill) {
  @Field(() => Importance, { description: 'How much the role depends on it.' })
  importance: Importance;
  @Field(() => Float, {
    nullable: true,
    description: 'O*NET importance rating, 1 (not important) to 5 (extremely important); null for curated links.',
  })
  importanceScore: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'O*NET level rating, 0 to 7: how much of the skill the role needs; null for curated links.',
  })
  level: number | null;
}

@ObjectType({ description: 'A page of RoleSkillEdge items.' })
export class RoleSkillConnection extends ConnectionType(Skill, RoleSkillEdge) {}

@ObjectType({ description: 'A tool the role uses, with its importance and the sources that say so.' })
export class RoleToolEdge extends LinkEdgeType(Tool) {
  @Field(() => Importance, { description: 'How much the role depends on it.' })
  importance: Importance;
  @Field(() => Boolean, {
    nullable: true,
    description: 'O*NET Hot Technology: frequently named in job postings; null where the source does not say.',
  })
  hotTechnology: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'O*NET In Demand: in demand for this occupation; null where the source does not say.',
  })
  inDemand: boolean | null;
}

@ObjectType({ description: 'A page of RoleToolEdge items.' })
export class RoleToolConnection extends ConnectionType(Tool, RoleToolEdge) {}

@ObjectType({ description: 'A responsibility the role carries, with the sources that say so.' })
export class RoleResponsibilityEdge extends LinkEdgeType(Responsibility) {
  @Field(() => Importance, {
    nullable: true,
    description: 'ESSENTIAL for a core task, OPTIONAL for a supplemental one; null where the source does not say.',
  })
  importance: Importance | null;
}

@ObjectType({ description: 'A page of RoleResponsibilityEdge items.' })
export class RoleResponsibilityConnection extends ConnectionType(Responsibility, RoleResponsibilityEdge) {}

@ObjectType({ description: 'A narrower role that specialises this one, with the sources that say so.' })
export class RoleSpecializationEdge extends LinkEdgeType(Role) {}

@ObjectType({ description: 'A page of RoleSpecializationEdge items.' })
export class RoleSpecializationConnection extends ConnectionType(Role, RoleSpecializationEdge) {}

@ObjectType({ description: 'A role this one works with, with the sources that say so.' })
export class RoleCollaborationEdge extends LinkEdgeType(Role) {}

@ObjectType({ description: 'A page of RoleCollaborationEdge items.' })
export class RoleCollaborationConnection extends ConnectionType(Role, RoleCollaborationEdge) {}

@ObjectType({ description: 'A role an external taxonomy (O*NET Related Occupations) ranks as related, with tier, rank and sources.' })
export class RoleRelatedEdge extends LinkEdgeType(Role) {
  @Field({ description: 'O*NET relatedness tier: Primary-Short, Primary-Long or Supplemental.' })
  tier: string;

  @Field(() => Int, { description: "O*NET's rank of this related role; 1 is the closest." })
  rank: number;
}

@ObjectType({ description: 'A page of RoleRelatedEdge items.' })
export class RoleRelatedConnection extends ConnectionType(Role, RoleRelatedEdge) {}
