import { DEFAULT_EDGES_PER_NODE, MAX_GRAPH_EDGES } from '../graph/graph.inputs';
import { MAX_NODES } from '../node/node.resolver';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../shared/page-window';

/*
 * The price registry: every number the query cost (src/limits/query-cost.ts) uses, in one place.
 *
 * A query's cost is the most values its answer can hold, plus the price of the work behind the
 * expensive fields. Every field costs `value` each time it can appear in the answer, scalars and
 * `__typename` included, so a field inside a list of 20 costs 20. A connection's lists hold its
 * page size (`first`, or `last`, or the default page when neither is given), so nesting multiplies:
 * `roles(first: 20) { nodes { skills(first: 10) { nodes { name } } } }` costs 1 + 1 + 20 × (1 + 1 +
 * 10 × 1) = 242. Fields that do more than read a page add their `work`, once per time they are
 * resolved: a search ranks every hit, not only the page it returns.
 *
 * The unit is one value in the answer. The prices of the expensive fields were set from their
 * latency on seeds + O*NET (bench/run.bench.ts) against that of a plain page, rounded up.
 */

/** Arguments of a field as the query gives them, defaults applied. */
export type Args = Record<string, unknown>;

/** What one field costs beyond its value, and how many items its lists hold. */
export interface FieldPrice {
  /** The work behind the field, each time it is resolved. */
  work?: (args: Args) => number;
  /** How many items each list of the object it returns holds (as a connection's `first` does). */
  page?: (args: Args) => number;
  /** How many items the list it returns holds, given its arguments and the page of its parent. */
  items?: (args: Args, parentPage: number | undefined) => number;
}

export interface PriceRegistry {
  /** Each value in the answer: one field, each time it can appear. */
  value: number;
  /** Items of a connection given neither `first` nor `last`, and the most it may ask for. */
  defaultPageSize: number;
  maxPageSize: number;
  /** Items assumed for a list with no paging arguments and no entry in `listItems`. */
  listItems: number;
  /** Assumed items of particular unpaged lists, by field name on any type. */
  namedListItems: Record<string, number>;
  /** Introspection fields, whole: they read no data, and graphql-js bounds how deep they nest. */
  introspection: Record<'__schema' | '__type', number>;
  /** Fields with work or list sizes of their own, as "Type.field". */
  fields: Record<string, FieldPrice>;
}

const textLength = (text: unknown) => (typeof text === 'string' ? text.length : 0);
/** Reading a text (extract, and the `text` of matchRoles and skillGap): 1 per 1,000 characters. */
const textWork = (text: unknown) => Math.ceil(textLength(text) / 1000);

const int = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

export const PRICES: PriceRegistry = {
  value: 1,
  defaultPageSize: DEFAULT_PAGE_SIZE,
  maxPageSize: MAX_PAGE_SIZE,
  listItems: DEFAULT_PAGE_SIZE,
  namedListItems: {
    // A subject is cited by a handful of sources at most.
    sources: 5,
    // An entity is mentioned a few times in one text.
    mentions: 3,
  },
  introspection: { __schema: 1000, __type: 20 },
  fields: {
    // Reads the text once with the compiled matcher: linear in its length; lists one entity per
    // 300 characters at most in practice (35,000 characters of posting name about 120 on O*NET).
    'Query.extract': {
      work: (args) => 20 + textWork(args.text),
      items: (args) => Math.max(1, Math.ceil(textLength(args.text) / 300)),
    },
    // Matches, ranks and counts every hit (thousands for a broad word), and retries with typos corrected.
    'Query.search': { work: () => 500 },
    // Reads the links of every role that has one of the items, to rank them all.
    'Query.matchRoles': { work: (args) => 300 + textWork(args.text) },
    // Reads both sides' skills and tools.
    'Query.skillGap': { work: (args) => 100 + textWork(args.text) },
    // Compares the role with every role that shares a skill or tool with it.
    'Role.relatedRoles': { work: () => 1000 },
    // A breadth-first walk: each level reads the links of up to maxNodes nodes.
    'Query.skillGraph': {
      work: (args) => int(args.depth, 2) * int(args.maxNodes, 200),
      page: (args) => int(args.maxNodes, 200),
    },
    // The links it returns: `first`, or 5 per node asked for, which the resolver enforces. A role's
    // 200 nodes have about 200 links on O*NET, but a tool's can have 4,000 (Python: 21 per node).
    'SkillGraph.edges': {
      items: (args, nodes) => Math.min(Math.max(int(args.first, DEFAULT_EDGES_PER_NODE * (nodes ?? 200)), 0), MAX_GRAPH_EDGES),
    },
    // Validates and diffs a whole dataset, and reads every record before and after for the audit trail.
    'Mutation.importDataset': { work: () => 1000 },
    // One lookup per id.
    'Query.nodes': { items: (args) => (Array.isArray(args.ids) ? args.ids.length : MAX_NODES) },
  },
};
