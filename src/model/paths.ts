import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { join, registryIdent, sql, type Sql } from '../db/sql';
import { NODE_ENTITIES, type NodeEntity } from './entities';
import { NODE_TYPES, type CitedNodeKey, type NodeKey } from './node-types';
import { supportSql, weightSql } from './weights';
import { foreignKeyOf, RELATIONS, type AttributeSpec, type CitationSubject, type LinkTable, type RelationKey } from './relations';

/** `out` walks a relation from its `from` end to its `to` end (a role's skills); `in` the other way (a skill's roles). */
export type Direction = 'out' | 'in';

/**
 * One direction of a relation, as the paging helper needs it: derived from the registry, never
 * written by hand. `rows` is a subquery with the columns "linkId", "parent", "child" and the
 * relation's attributes.
 */
export interface Path<T extends ObjectLiteral = ObjectLiteral> {
  /** Loader name, by what it returns and takes: `skillsByRoleId`. */
  name: string;
  relation: RelationKey;
  entity: EntityTarget<T>;
  rows: Sql;
  /**
   * Whether `rows` is one table whose primary key is "linkId", so a page's link ids are read by
   * key. A symmetric table's rows come from a UNION of its two directions, found by parent first.
   */
  linkIdIsKey: boolean;
  attributes: readonly AttributeSpec[];
  /**
   * Whether `rows` also carries the link's "weight" and "supportCount" (src/model/weights.ts): the
   * relations whose links carry an importance, which `IMPORTANCE` orders by weight.
   */
  weighted: boolean;
  /** The citation subject of the link rows, when pairs cite sources. */
  citation: CitationSubject | null;
}

const q = registryIdent;
const cache = new Map<string, Path>();

/** The path over `relation` in `direction`; the same object every time. */
export function path<K extends RelationKey, D extends Direction>(
  relation: K,
  direction: D,
): Path<NodeEntity<(typeof RELATIONS)[K][D extends 'out' ? 'to' : 'from']['type']>> {
  const key = `${relation}:${direction}`;
  let found = cache.get(key);
  if (!found) {
    found = buildPath(relation, direction);
    cache.set(key, found);
  }
  return found as never;
}

function buildPath(relation: RelationKey, direction: Direction): Path {
  const spec = RELATIONS[relation];
  const [parent, child] = direction === 'out' ? [spec.from, spec.to] : [spec.to, spec.from];
  const table = q(spec.storage.table);
  const attributes = spec.attributes.map((a) => sql`, ${q(a.column)}`);
  const weighted = spec.storage.kind === 'table' && spec.attributes.some((a) => a.kind === 'importance') && spec.graph !== null;
  if (weighted) {
    const self = sql`w`;
    const linkTable = spec.storage.table as LinkTable;
    attributes.push(sql`, ${weightSql(spec.graph!.weight, linkTable, self)} AS "weight", ${supportSql(self)} AS "supportCount"`);
  }
  let rows: Sql;
  switch (spec.storage.kind) {
    case 'table':
      rows = sql`(SELECT "id" AS "linkId", ${q(parent.column)} AS "parent", ${q(child.column)} AS "child"${join(attributes, sql``)} FROM ${table} w)`;
      break;
    case 'symmetric':
      rows = sql`(SELECT "id" AS "linkId", ${q(spec.from.column)} AS "parent", ${q(spec.to.column)} AS "child" FROM ${table}
      UNION ALL SELECT "id", ${q(spec.to.column)}, ${q(spec.from.column)} FROM ${table})`;
      break;
    case 'column':
      rows = sql`(SELECT "id" AS "linkId", ${q(parent.column)} AS "parent", ${q(child.column)} AS "child" FROM ${table} WHERE ${q(foreignKeyOf(spec)!)} IS NOT NULL)`;
      break;
  }
  const childType: NodeKey = child.type;
  const citation: CitationSubject | null =
    spec.citedBy === 'link' ? (spec.storage.table as LinkTable) : spec.citedBy === 'to' ? (spec.to.type as CitedNodeKey) : null;
  return {
    name: `${NODE_TYPES[childType].datasetList}By${capitalise(parent.type)}Id(${relation})`,
    relation,
    entity: NODE_ENTITIES[childType],
    rows,
    linkIdIsKey: spec.storage.kind !== 'symmetric',
    attributes: spec.attributes,
    weighted,
    citation,
  };
}

const capitalise = (s: string) => s[0].toUpperCase() + s.slice(1);

/** Reads a link row's attributes the way their kinds say (booleans stored 0/1, ratings as numbers), and its weight and support where the path carries them. */
export function readAttributes(path: Pick<Path, 'attributes' | 'weighted'>, link: Record<string, unknown>): Record<string, unknown> {
  const { attributes } = path;
  const values: Record<string, unknown> = {};
  if (path.weighted) {
    values.weight = Number(link.weight);
    values.supportCount = Number(link.supportCount);
  }
  for (const a of attributes) values[a.column] = readAttribute(a, link[a.column]);
  return values;
}

function readAttribute(attribute: AttributeSpec, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (attribute.kind) {
    case 'flag':
      return Boolean(value);
    case 'real':
    case 'integer':
      return Number(value);
    case 'text':
    case 'importance':
      return String(value);
  }
}

/** A node type's table, quoted for a statement. */
export function nodeTable(key: NodeKey): Sql {
  return q(NODE_TYPES[key].table);
}

/** A relation's table and end columns, quoted for a statement: `{ table, from, to }`. */
export function relationSql(key: RelationKey): { table: Sql; from: Sql; to: Sql } {
  const spec = RELATIONS[key];
  return { table: q(spec.storage.table), from: q(spec.from.column), to: q(spec.to.column) };
}
