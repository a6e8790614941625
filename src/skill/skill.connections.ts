import { ObjectType } from 'type-graphql';
import { Responsibility } from '../responsibility/responsibility.entity';
import { Role } from '../role/role.entity';
import { Skill } from './skill.entity';
import { Tool } from '../tool/tool.entity';
import { ConnectionType, EdgeType } from '../shared/connection';
import { LinkEdgeType } from '../source/cited-edge';
import { RoleSkillLinkEdgeType } from '../role/role-link-edges';

@ObjectType({ description: 'A skill in a list.' })
export class SkillEdge extends EdgeType(Skill) {}

@ObjectType({ description: 'A page of SkillEdge items.' })
export class SkillConnection extends ConnectionType(Skill, SkillEdge) {}

@ObjectType({ description: 'A role that needs the skill, with the importance and the sources that say so.' })
export class SkillRoleEdge extends RoleSkillLinkEdgeType(Role) {}

@ObjectType({ description: 'A page of SkillRoleEdge items.' })
export class SkillRoleConnection extends ConnectionType(Role, SkillRoleEdge) {}

@ObjectType({ description: 'A tool the skill is practised with, with the sources that say so.' })
export class SkillToolEdge extends LinkEdgeType(Tool) {}

@ObjectType({ description: 'A page of SkillToolEdge items.' })
export class SkillToolConnection extends ConnectionType(Tool, SkillToolEdge) {}

@ObjectType({ description: 'A responsibility that calls for the skill, with the sources that say so.' })
export class SkillResponsibilityEdge extends LinkEdgeType(Responsibility) {}

@ObjectType({ description: 'A page of SkillResponsibilityEdge items.' })
export class SkillResponsibilityConnection extends ConnectionType(Responsibility, SkillResponsibilityEdge) {}
