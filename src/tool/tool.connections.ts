import { ObjectType } from 'type-graphql';
import { Role } from '../role/role.entity';
import { Skill } from '../skill/skill.entity';
import { Tool } from './tool.entity';
import { ConnectionType, EdgeType } from '../shared/connection';
import { LinkEdgeType } from '../source/cited-edge';
import { RoleToolLinkEdgeType } from '../role/role-link-edges';

@ObjectType({ description: 'A tool in a list.' })
export class ToolEdge extends EdgeType(Tool) {}

@ObjectType({ description: 'A page of ToolEdge items.' })
export class ToolConnection extends ConnectionType(Tool, ToolEdge) {}

@ObjectType({ description: 'A role that uses the tool, with the importance and the sources that say so.' })
export class ToolRoleEdge extends RoleToolLinkEdgeType(Role) {}

@ObjectType({ description: 'A page of ToolRoleEdge items.' })
export class ToolRoleConnection extends ConnectionType(Role, ToolRoleEdge) {}

@ObjectType({ description: 'A skill practised with the tool, with the sources that say so.' })
export class ToolSkillEdge extends LinkEdgeType(Skill) {}

@ObjectType({ description: 'A page of ToolSkillEdge items.' })
export class ToolSkillConnection extends ConnectionType(Skill, ToolSkillEdge) {}
