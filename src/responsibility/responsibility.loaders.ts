import { linkSource, type Relation } from '../shared/relation';
import { Responsibility } from './responsibility.entity';

/** The responsibilities a role carries. */
export const responsibilitiesByRoleId: Relation<Responsibility> = {
  name: 'responsibilitiesByRoleId',
  entity: Responsibility,
  source: linkSource('role_responsibility', 'roleId', 'responsibilityId', ['importance']),
  citation: 'role_responsibility',
};

/** The responsibilities that call for a skill. */
export const responsibilitiesBySkillId: Relation<Responsibility> = {
  name: 'responsibilitiesBySkillId',
  entity: Responsibility,
  source: linkSource('responsibility_skill', 'skillId', 'responsibilityId'),
  citation: 'responsibility_skill',
};
