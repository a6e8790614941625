import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Category } from './category/category.entity';
import { createGraphLoaders, type GraphLoaders } from './graph/graph.loaders';
import { Responsibility } from './responsibility/responsibility.entity';
import { Role } from './role/role.entity';
import { byRowId, bySlug } from './loaders/entity-loaders';
import { RelationPages } from './loaders/relation-pages';
import { Skill } from './skill/skill.entity';
import { sourcesByCitation } from './source/source.loaders';
import { Source } from './source/source.entity';
import { Tool } from './tool/tool.entity';

/** Every loader of one request. Built fresh per request so no cache is shared between users. */
export interface Loaders {
  roleById: DataLoader<number, Role | null>;
  roleBySlug: DataLoader<string, Role | null>;
  responsibilityById: DataLoader<number, Responsibility | null>;
  responsibilityBySlug: DataLoader<string, Responsibility | null>;
  skillById: DataLoader<number, Skill | null>;
  skillBySlug: DataLoader<string, Skill | null>;
  toolById: DataLoader<number, Tool | null>;
  toolBySlug: DataLoader<string, Tool | null>;
  categoryById: DataLoader<number, Category | null>;
  categoryBySlug: DataLoader<string, Category | null>;
  sourceById: DataLoader<number, Source | null>;
  sourceBySlug: DataLoader<string, Source | null>;
  sourcesByCitation: DataLoader<string, Source[]>;
  /** Paged relations (`skillsByRoleId`, ...), one loader per relation and page shape. */
  pages: RelationPages;
  /** Skills and tools by item key, and similar roles per page window (src/graph). */
  graph: GraphLoaders;
}

/** What every resolver receives. */
export interface Context {
  dataSource: DataSource;
  loaders: Loaders;
}

export function createLoaders(dataSource: DataSource): Loaders {
  return {
    roleById: byRowId(dataSource, Role),
    roleBySlug: bySlug(dataSource, Role),
    responsibilityById: byRowId(dataSource, Responsibility),
    responsibilityBySlug: bySlug(dataSource, Responsibility),
    skillById: byRowId(dataSource, Skill),
    skillBySlug: bySlug(dataSource, Skill),
    toolById: byRowId(dataSource, Tool),
    toolBySlug: bySlug(dataSource, Tool),
    categoryById: byRowId(dataSource, Category),
    categoryBySlug: bySlug(dataSource, Category),
    sourceById: byRowId(dataSource, Source),
    sourceBySlug: bySlug(dataSource, Source),
    sourcesByCitation: sourcesByCitation(dataSource),
    pages: new RelationPages(dataSource),
    graph: createGraphLoaders(dataSource),
  };
}

/** The per-request context: fresh loaders every time. */
export function createContext(dataSource: DataSource): Context {
  return { dataSource, loaders: createLoaders(dataSource) };
}
