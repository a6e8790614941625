import { linkSource, type Relation } from '../shared/relation';
import { Tool } from './tool.entity';

/** The tools a role uses, with the link's importance. */
export const toolsByRoleId: Relation<Tool> = {
  name: 'toolsByRoleId',
  entity: Tool,
  source: linkSource('role_tool', 'roleId', 'toolId', ['importance', 'hotTechnology', 'inDemand']),
  citation: 'role_tool',
};

/** The tools a skill is practised with. */
export const toolsBySkillId: Relation<Tool> = {
  name: 'toolsBySkillId',
  entity: Tool,
  source: linkSource('skill_tool', 'skillId', 'toolId'),
  citation: 'skill_tool',
};

/** The tools filed directly under a category. */
export const toolsByCategoryId: Relation<Tool> = {
  name: 'toolsByCategoryId',
  entity: Tool,
  source: { from: `(SELECT "id" AS "linkId", "categoryId" AS "parent", "id" AS "child" FROM "tool")` },
};
