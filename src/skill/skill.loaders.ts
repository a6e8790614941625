import { linkSource, type Relation } from '../shared/relation';
import { Skill } from './skill.entity';

/** The skills a role needs, with the link's importance. */
export const skillsByRoleId: Relation<Skill> = {
  name: 'skillsByRoleId',
  entity: Skill,
  source: linkSource('role_skill', 'roleId', 'skillId', ['importance', 'importanceScore', 'level']),
  citation: 'role_skill',
};

/** The skills practised with a tool. */
export const skillsByToolId: Relation<Skill> = {
  name: 'skillsByToolId',
  entity: Skill,
  source: linkSource('skill_tool', 'toolId', 'skillId'),
  citation: 'skill_tool',
};

/** The skills a responsibility calls for. */
export const skillsByResponsibilityId: Relation<Skill> = {
  name: 'skillsByResponsibilityId',
  entity: Skill,
  source: linkSource('responsibility_skill', 'responsibilityId', 'skillId'),
  citation: 'responsibility_skill',
};

/** The skills filed directly under a category. */
export const skillsByCategoryId: Relation<Skill> = {
  name: 'skillsByCategoryId',
  entity: Skill,
  source: { from: `(SELECT "id" AS "linkId", "categoryId" AS "parent", "id" AS "child" FROM "skill")` },
};
