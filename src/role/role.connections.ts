import { Field, Int, ObjectType } from 'type-graphql';
import { Responsibility } from '../responsibility/responsibility.entity';
import { Role } from './role.entity';
import { Skill } from '../skill/skill.entity';
import { Tool } from '../tool/tool.entity';
import { ConnectionType, EdgeType } from '../shared/connection';
import { LinkEdgeType } from '../source/cited-edge';
import { RoleResponsibilityLinkEdgeType, RoleSkillLinkEdgeType, RoleToolLinkEdgeType } from './role-link-edges';

@ObjectType({ description: 'A role in a list.' })
export class RoleEdge extends EdgeType(Role) {}

@ObjectType({ description: 'A page of RoleEdge items.' })
export class RoleConnection extends ConnectionType(Role, RoleEdge) {}

@ObjectType({ description: 'A skill the role needs, with its importance and the sources that say so.' })
export class RoleSkillEdge extends RoleSkillLinkEdgeType(Skill) {}

@ObjectType({ description: 'A page of RoleSkillEdge items.' })
export class RoleSkillConnection extends ConnectionType(Skill, RoleSkillEdge) {}

@ObjectType({ description: 'A tool the role uses, with its importance and the sources that say so.' })
export class RoleToolEdge extends RoleToolLinkEdgeType(Tool) {}

@ObjectType({ description: 'A page of RoleToolEdge items.' })
export class RoleToolConnection extends ConnectionType(Tool, RoleToolEdge) {}

@ObjectType({ description: 'A responsibility the role carries, with the sources that say so.' })
export class RoleResponsibilityEdge extends RoleResponsibilityLinkEdgeType(Responsibility) {}

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
