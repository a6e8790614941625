import type { ApolloServerPlugin } from '@apollo/server';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Principal } from './auth/api-key.service';
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

/** Who sent the request (src/auth/). */
export interface Caller {
  /** The valid API key presented, if any. */
  principal: Principal | null;
  /** A key was presented but is malformed, unknown or revoked. */
  badKey: boolean;
  /** The client's address: anonymous clients are rate-limited by it. */
  ip: string;
}

/** What every resolver receives. */
export interface Context {
  /** What reads go through (a read-pool connection, or the one DataSource). */
  dataSource: DataSource;
  /** What writes go through: the DataSource that owns the database. */
  writer: DataSource;
  caller: Caller;
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

const ANONYMOUS: Caller = { principal: null, badKey: false, ip: '' };

/** The per-request context: fresh loaders every time. */
export function createContext(dataSource: DataSource, request: { writer?: DataSource; caller?: Caller } = {}): Context {
  return { dataSource, writer: request.writer ?? dataSource, caller: request.caller ?? ANONYMOUS, loaders: createLoaders(dataSource) };
}

/**
 * A request that writes reads its own write: a mutation's payload (and anything else the operation
 * reads) goes to the writer, not to a replica that may not have replayed the write yet. Reads of
 * queries stay on the request's reader (a PostgreSQL replica, a read-pool connection).
 */
export function readOwnWritesPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation' || contextValue.dataSource === contextValue.writer) return;
          contextValue.dataSource = contextValue.writer;
          contextValue.loaders = createLoaders(contextValue.writer);
        },
      };
    },
  };
}
