import { ObjectType } from 'type-graphql';
import { Responsibility } from './responsibility.entity';
import { Role } from '../role/role.entity';
import { Skill } from '../skill/skill.entity';
import { ConnectionType, EdgeType } from '../shared/connection';
import { LinkEdgeType } from '../source/cited-edge';
import { RoleResponsibilityLinkEdgeType } from '../role/role-link-edges';

@ObjectType({ description: 'A responsibility in a list.' })
export class ResponsibilityEdge extends EdgeType(Responsibility) {}

@ObjectType({ description: 'A page of ResponsibilityEdge items.' })
export class ResponsibilityConnection extends ConnectionType(Responsibility, ResponsibilityEdge) {}

@ObjectType({ description: 'A role that carries the responsibility, with the sources that say so.' })
export class ResponsibilityRoleEdge extends RoleResponsibilityLinkEdgeType(Role) {}

@ObjectType({ description: 'A page of ResponsibilityRoleEdge items.' })
export class ResponsibilityRoleConnection extends ConnectionType(Role, ResponsibilityRoleEdge) {}

@ObjectType({ description: 'A skill the responsibility calls for, with the sources that say so.' })
export class ResponsibilitySkillEdge extends LinkEdgeType(Skill) {}

@ObjectType({ description: 'A page of ResponsibilitySkillEdge items.' })
export class ResponsibilitySkillConnection extends ConnectionType(Skill, ResponsibilitySkillEdge) {}
