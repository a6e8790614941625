import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { createGraphLoaders, type GraphLoaders } from './graph/graph.loaders';
import { byRowId, bySlug } from './loaders/entity-loaders';
import { RelationPages } from './loaders/relation-pages';
import { NODE_ENTITIES, type NodeEntity } from './model/entities';
import type { NodeKey } from './model/node-types';
import type { Source } from './source/source.entity';
import { sourcesByCitation } from './source/source.loaders';

/** `roleById`, `roleBySlug`, … for every node type of the registry. */
export type EntityLoaders = { [K in NodeKey as `${K}ById`]: DataLoader<number, NodeEntity<K> | null> } & {
  [K in NodeKey as `${K}BySlug`]: DataLoader<string, NodeEntity<K> | null>;
};

/** Every loader of one request. Built fresh per request so no cache is shared between users. */
export interface Loaders extends EntityLoaders {
  sourcesByCitation: DataLoader<string, Source[]>;
  /** Paged relations (`skillsByRoleId`, ...), one loader per relation path and page shape. */
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
  const entityLoaders: Record<string, DataLoader<never, unknown>> = {};
  for (const [key, entity] of Object.entries(NODE_ENTITIES)) {
    entityLoaders[`${key}ById`] = byRowId(dataSource, entity);
    entityLoaders[`${key}BySlug`] = bySlug(dataSource, entity);
  }
  return {
    ...(entityLoaders as unknown as EntityLoaders),
    sourcesByCitation: sourcesByCitation(dataSource),
    pages: new RelationPages(dataSource),
    graph: createGraphLoaders(dataSource),
  };
}

/** The per-request context: fresh loaders every time. */
export function createContext(dataSource: DataSource): Context {
  return { dataSource, loaders: createLoaders(dataSource) };
}
