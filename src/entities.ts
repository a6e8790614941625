import { Category } from './category/category.entity';
import { ResponsibilitySkill } from './responsibility/responsibility-skill.entity';
import { Responsibility } from './responsibility/responsibility.entity';
import { RoleCollaboration } from './role/role-collaboration.entity';
import { RoleRelation } from './role/role-relation.entity';
import { RoleResponsibility } from './role/role-responsibility.entity';
import { RoleSkill } from './role/role-skill.entity';
import { RoleTool } from './role/role-tool.entity';
import { Role } from './role/role.entity';
import { SkillTool } from './skill/skill-tool.entity';
import { Skill } from './skill/skill.entity';
import { Citation } from './source/citation.entity';
import { Source } from './source/source.entity';
import { Tool } from './tool/tool.entity';

/** Every TypeORM entity, written out: the registry TypeORM and the migrations check rely on. */
export const entities = [
  Category,
  Citation,
  Responsibility,
  ResponsibilitySkill,
  Role,
  RoleCollaboration,
  RoleRelation,
  RoleResponsibility,
  RoleSkill,
  RoleTool,
  Skill,
  SkillTool,
  Source,
  Tool,
];
