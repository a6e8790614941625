import { DATASET_LISTS, type DatasetList } from '../model/node-types';
import type { Importance } from '../shared/enums';
import type { SkillKind } from '../skill/skill.entity';
import type { ToolKind } from '../tool/tool.entity';

/**
 * The dataset interchange format (seeds/README.md): the curated seeds, bulk imports and exports
 * all use it. Links live inside the entity that owns them and cite source slugs.
 */
export const DATASET_FORMAT = 'skill-atlas-dataset';
export const DATASET_VERSION = 1;

export interface SourceRecord {
  slug: string;
  title: string;
  publisher?: string | null;
  author?: string | null;
  publishedOn?: string | null;
  url?: string | null;
  version?: string | null;
  licence?: string | null;
  attribution?: string | null;
  file?: string | null;
}

export interface CategoryRecord {
  slug: string;
  name: string;
  description?: string;
  parent?: string | null;
}

export interface LinkRecord {
  sources: string[];
}

export interface SkillRecord {
  slug: string;
  name: string;
  aliases?: string[];
  description?: string;
  kind: SkillKind;
  category?: string | null;
  sources: string[];
  tools?: (LinkRecord & { tool: string })[];
}

export interface ToolRecord {
  slug: string;
  name: string;
  aliases?: string[];
  description?: string;
  kind?: ToolKind;
  category?: string | null;
  sources: string[];
}

export interface ResponsibilityRecord {
  slug: string;
  name: string;
  description?: string;
  sources: string[];
  skills?: (LinkRecord & { skill: string })[];
}

export interface RoleRecord {
  slug: string;
  name: string;
  aliases?: string[];
  summary?: string;
  externalCode?: string | null;
  jobZone?: number | null;
  broader?: string | null;
  sources: string[];
  collaboratesWith?: (LinkRecord & { role: string })[];
  responsibilities?: (LinkRecord & { responsibility: string; importance?: Importance | null })[];
  skills?: (LinkRecord & { skill: string; importance: Importance; importanceScore?: number | null; level?: number | null })[];
  tools?: (LinkRecord & { tool: string; importance: Importance; hotTechnology?: boolean | null; inDemand?: boolean | null })[];
  relatedRoles?: (LinkRecord & { role: string; tier: string; rank: number })[];
}

export interface Dataset {
  format: typeof DATASET_FORMAT;
  version: typeof DATASET_VERSION;
  sources?: SourceRecord[];
  categories?: CategoryRecord[];
  skills?: SkillRecord[];
  tools?: ToolRecord[];
  responsibilities?: ResponsibilityRecord[];
  roles?: RoleRecord[];
}

/** The entity lists of a dataset, in the order they are loaded (declared by the model registry). */
export const ENTITY_LISTS = DATASET_LISTS;
export type EntityList = DatasetList;
