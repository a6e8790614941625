/**
 * Every node type of the atlas, declared once. Global ids, citation subjects, the search index,
 * the skill graph, the dataset format's lists, row counts and loaders all read this table.
 *
 * This file holds plain data and imports nothing, so any module (entities included) can read it
 * without an import cycle; `src/model/entities.ts` binds each key to its TypeORM entity.
 */
export const NODE_TYPES = {
  role: {
    graphqlType: 'Role',
    table: 'role',
    datasetList: 'roles',
    nameColumn: 'name',
    cited: true,
    search: { value: 'ROLE', code: 3 },
    graph: 'ROLE',
  },
  responsibility: {
    graphqlType: 'Responsibility',
    table: 'responsibility',
    datasetList: 'responsibilities',
    nameColumn: 'name',
    cited: true,
    search: { value: 'RESPONSIBILITY', code: 2 },
    graph: 'RESPONSIBILITY',
  },
  skill: {
    graphqlType: 'Skill',
    table: 'skill',
    datasetList: 'skills',
    nameColumn: 'name',
    cited: true,
    search: { value: 'SKILL', code: 4 },
    graph: 'SKILL',
  },
  tool: {
    graphqlType: 'Tool',
    table: 'tool',
    datasetList: 'tools',
    nameColumn: 'name',
    cited: true,
    search: { value: 'TOOL', code: 5 },
    graph: 'TOOL',
  },
  category: {
    graphqlType: 'Category',
    table: 'category',
    datasetList: 'categories',
    nameColumn: 'name',
    cited: false,
    search: { value: 'CATEGORY', code: 1 },
    graph: 'CATEGORY',
  },
  source: {
    graphqlType: 'Source',
    table: 'source',
    datasetList: 'sources',
    nameColumn: 'title',
    cited: false,
    search: null,
    graph: null,
  },
} as const;

export type NodeKey = keyof typeof NODE_TYPES;
type Spec = (typeof NODE_TYPES)[NodeKey];

/** The GraphQL types that implement Node and can be fetched by global id, in declaration order. */
export const nodeTypes = Object.values(NODE_TYPES).map((t) => t.graphqlType) as Spec['graphqlType'][];
export type NodeType = Spec['graphqlType'];

/** Node types whose rows cite sources. */
export type CitedNodeKey = { [K in NodeKey]: (typeof NODE_TYPES)[K]['cited'] extends true ? K : never }[NodeKey];

/** The node types `search` looks through, and the code each has in the index's row ids. */
export type SearchableKey = { [K in NodeKey]: (typeof NODE_TYPES)[K]['search'] extends null ? never : K }[NodeKey];

/** The node types the skill graph draws. */
export type GraphNodeKey = { [K in NodeKey]: (typeof NODE_TYPES)[K]['graph'] extends null ? never : K }[NodeKey];

/** The dataset format's entity lists, in the order they load (sources first, roles last). */
export const DATASET_LISTS = ['sources', 'categories', 'skills', 'tools', 'responsibilities', 'roles'] as const;
export type DatasetList = (typeof DATASET_LISTS)[number];

/** The node key of a GraphQL type name. */
export function nodeKeyOf(type: NodeType): NodeKey {
  const key = (Object.keys(NODE_TYPES) as NodeKey[]).find((k) => NODE_TYPES[k].graphqlType === type);
  if (!key) throw new Error(`Unknown node type ${type}`);
  return key;
}

/** The node key of a dataset list. */
export function nodeKeyOfList(list: DatasetList): NodeKey {
  return (Object.keys(NODE_TYPES) as NodeKey[]).find((k) => NODE_TYPES[k].datasetList === list)!;
}
