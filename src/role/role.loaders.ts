import { linkSource, type Relation } from '../shared/relation';
import { Role } from './role.entity';

/** The roles that need a skill, with the link's importance. */
export const rolesBySkillId: Relation<Role> = {
  name: 'rolesBySkillId',
  entity: Role,
  source: linkSource('role_skill', 'skillId', 'roleId', ['importance', 'importanceScore', 'level']),
  citation: 'role_skill',
};

/** The roles that use a tool, with the link's importance. */
export const rolesByToolId: Relation<Role> = {
  name: 'rolesByToolId',
  entity: Role,
  source: linkSource('role_tool', 'toolId', 'roleId', ['importance', 'hotTechnology', 'inDemand']),
  citation: 'role_tool',
};

/** The roles that carry a responsibility. */
export const rolesByResponsibilityId: Relation<Role> = {
  name: 'rolesByResponsibilityId',
  entity: Role,
  source: linkSource('role_responsibility', 'responsibilityId', 'roleId', ['importance']),
  citation: 'role_responsibility',
};

/** The narrower roles that specialise a role; the link is the specialised role's `broaderId`. */
export const specializationsByRoleId: Relation<Role> = {
  name: 'specializationsByRoleId',
  entity: Role,
  source: { from: `(SELECT "id" AS "linkId", "broaderId" AS "parent", "id" AS "child" FROM "role" WHERE "broaderId" IS NOT NULL)` },
  // The broader link is cited by the narrower role's own sources (see seeds/README.md).
  citation: 'role',
};

/** The roles a role works with; collaboration is stored once per pair and read both ways. */
export const collaboratorsByRoleId: Relation<Role> = {
  name: 'collaboratorsByRoleId',
  entity: Role,
  source: {
    from: `(SELECT "id" AS "linkId", "roleId" AS "parent", "otherRoleId" AS "child" FROM "role_collaboration"
      UNION ALL SELECT "id", "otherRoleId", "roleId" FROM "role_collaboration")`,
  },
  citation: 'role_collaboration',
};

/** The roles an external taxonomy ranks as related to a role (O*NET Related Occupations). */
export const relatedOccupationsByRoleId: Relation<Role> = {
  name: 'relatedOccupationsByRoleId',
  entity: Role,
  source: linkSource('role_related', 'roleId', 'relatedRoleId', ['tier', 'rank']),
  citation: 'role_related',
};
