import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { ApiKey } from '../auth/api-key.entity';
import { DataVersion } from '../cache/data-version.entity';
import { ChangeRecord } from '../curation/change.entity';
import { Retraction } from '../import/retraction.entity';
import { Tombstone } from '../import/tombstone.entity';
import { SeedRelease } from '../dataset/seed-release.entity';
import { Category } from '../category/category.entity';
import { RoleSimilarity } from '../graph/role-similarity.entity';
import { RoleWeight } from '../graph/role-weight.entity';
import { ResponsibilitySkill } from '../responsibility/responsibility-skill.entity';
import { Responsibility } from '../responsibility/responsibility.entity';
import { RoleCollaboration } from '../role/role-collaboration.entity';
import { RelatedOccupation } from '../role/related-occupation.entity';
import { RoleResponsibility } from '../role/role-responsibility.entity';
import { RoleSkill } from '../role/role-skill.entity';
import { RoleTool } from '../role/role-tool.entity';
import { Role } from '../role/role.entity';
import { SkillTool } from '../skill/skill-tool.entity';
import { Skill } from '../skill/skill.entity';
import { Citation } from '../source/citation.entity';
import { Source } from '../source/source.entity';
import { Tool } from '../tool/tool.entity';
import type { NodeKey } from './node-types';
import type { LinkRelationKey } from './relations';

/** The entity class of every node type. */
export const NODE_ENTITIES = {
  role: Role,
  responsibility: Responsibility,
  skill: Skill,
  tool: Tool,
  category: Category,
  source: Source,
} as const satisfies Record<NodeKey, EntityTarget<ObjectLiteral>>;

export type NodeEntity<K extends NodeKey> = InstanceType<(typeof NODE_ENTITIES)[K]>;

/** The entity class of every link table. */
export const LINK_ENTITIES = {
  roleSkill: RoleSkill,
  roleTool: RoleTool,
  roleResponsibility: RoleResponsibility,
  responsibilitySkill: ResponsibilitySkill,
  skillTool: SkillTool,
  roleCollaboration: RoleCollaboration,
  relatedOccupation: RelatedOccupation,
} as const satisfies Record<LinkRelationKey, EntityTarget<ObjectLiteral>>;

/** Every TypeORM entity: the registry TypeORM and the migrations check rely on. */
export const entities = [
  ...Object.values(NODE_ENTITIES),
  ...Object.values(LINK_ENTITIES),
  Citation,
  DataVersion,
  RoleSimilarity,
  RoleWeight,
  ApiKey,
  ChangeRecord,
  Retraction,
  Tombstone,
  SeedRelease,
];
