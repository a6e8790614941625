import type { DataSource } from 'typeorm';
import { jsonArrayValues, roundTo } from '../db/dialect';
import { column, join, literal, registryIdent, rows, sql, type Queryable, type Sql } from '../db/sql';
import { NODE_ENTITIES } from '../model/entities';
import { NODE_TYPES } from '../model/node-types';
import { RELATIONS, type LinkRelationKey, type LinkTable, type RelationSpec } from '../model/relations';
import { weightSql } from '../model/weights';
import type { Importance } from '../shared/enums';
import type { ItemType } from './item';

/**
 * The SQL of the graph module's item statements and the pieces every score shares (related
 * roles, role matching, skill gaps): the role → skill and role → tool links, read from the
 * registry.
 */

/** A role's link to the items it is compared by, as statement pieces. */
export interface RoleItemLink {
  /** The relation in src/model/relations.ts. */
  relation: RoleItemRelation;
  type: ItemType;
  /** The link table. */
  table: Sql;
  /** The link's column naming the role. */
  role: Sql;
  /** The link's column naming the item. */
  item: Sql;
  /** The item's own table. */
  itemTable: Sql;
  /** Whether the link carries O*NET's `importanceScore`. */
  rated: boolean;
  /** The weight of a link row aliased `alias`, by the relation's rule. */
  weight(alias: Sql): Sql;
}

function roleItemLink(key: RoleItemRelation): RoleItemLink {
  const relation: RelationSpec = RELATIONS[key];
  const rule = relation.graph?.weight;
  if (!rule) throw new Error(`The relation stored in ${relation.storage.table} has no weight rule`);
  return {
    relation: key,
    type: NODE_TYPES[relation.to.type].graphqlType as ItemType,
    table: registryIdent(relation.storage.table),
    role: registryIdent(relation.from.column),
    item: registryIdent(relation.to.column),
    itemTable: registryIdent(NODE_TYPES[relation.to.type].table),
    rated: relation.attributes.some((a) => a.column === 'importanceScore'),
    weight: (alias) => weightSql(rule, relation.storage.table as LinkTable, alias),
  };
}

/** The relations roles are compared by: skills first, then tools, the order of every UNION ALL over both. */
export const ROLE_ITEM_RELATIONS = ['roleSkill', 'roleTool'] as const satisfies readonly LinkRelationKey[];
export type RoleItemRelation = (typeof ROLE_ITEM_RELATIONS)[number];

export const ROLE_ITEM_LINKS: readonly RoleItemLink[] = ROLE_ITEM_RELATIONS.map(roleItemLink);

/** The decimals a ranking rounds a score to before comparing (`rankKey`); the precomputed heads keep ties within 10^-RANK_DECIMALS. */
export const RANK_DECIMALS = 12;

/**
 * The key a ranking sorts a score by: the score to RANK_DECIMALS decimals. Scores are sums of weights such as
 * 2/3, so two roles that score the same on paper can differ in the last bits of their doubles,
 * depending on the order of the additions; rounded, they tie, and the tie goes by name as the
 * schema says. The score returned stays the unrounded one.
 */
export const rankKey = (score: Sql): Sql => roundTo(score, RANK_DECIMALS);

const ITEM_ENTITIES = { Skill: NODE_ENTITIES.skill, Tool: NODE_ENTITIES.tool } as const satisfies Record<ItemType, unknown>;

/**
 * The select list that reads a skill or a tool row into the same columns: the union of both
 * tables' columns, NULL where a table lacks one, so one UNION ALL statement can return both and
 * each row still hydrates into its own entity.
 */
export function itemColumns(dataSource: DataSource, type: ItemType, alias: Sql): Sql {
  const names = (entity: (typeof ITEM_ENTITIES)[ItemType]) => dataSource.getMetadata(entity).columns.map((c) => c.databaseName);
  const own = new Set(names(ITEM_ENTITIES[type]));
  const all = new Set(Object.values(ITEM_ENTITIES).flatMap(names));
  return join([...all].sort().map((name) => (own.has(name) ? column(alias, registryIdent(name)) : sql`NULL AS ${registryIdent(name)}`)));
}

/** A skill or tool row read with `itemColumns`, with its type. */
export type ItemRow = Record<string, unknown> & { __type: ItemType };

/** Skills and tools by row id, both in one statement. */
export function itemRowsByIds(dataSource: DataSource, ids: Readonly<Record<ItemType, readonly number[]>>): Promise<ItemRow[]> {
  const e = sql`e`;
  const arms = ROLE_ITEM_LINKS.map(
    (link) =>
      sql`SELECT ${literal(link.type)} AS "__type", ${itemColumns(dataSource, link.type, e)} FROM ${link.itemTable} e WHERE e."id" IN (${jsonArrayValues(ids[link.type])})`,
  );
  return rows<ItemRow>(dataSource, join(arms, sql` UNION ALL `));
}

/** A skill or tool named by its slug. */
export interface ItemSlugRow {
  type: ItemType;
  id: number;
  slug: string;
}

/** Skills and tools by slug, both in one statement. */
export function itemRowsBySlugs(db: Queryable, slugs: Readonly<Record<ItemType, readonly string[]>>): Promise<ItemSlugRow[]> {
  const arms = ROLE_ITEM_LINKS.map(
    (link) =>
      sql`SELECT ${literal(link.type)} AS "type", "id", "slug" FROM ${link.itemTable} WHERE "slug" IN (${jsonArrayValues(slugs[link.type], 'text')})`,
  );
  return rows<ItemSlugRow>(db, join(arms, sql` UNION ALL `));
}

/** What a skill gap counts as known: another role's items, or the row ids of items by type. */
export type KnownItems = { roleId: number } | { itemIds: Readonly<Record<ItemType, readonly number[]>> };

/** A target role's skill or tool, read with `itemColumns`, with its link's figures and whether it is known. */
export type SkillGapRow = ItemRow & {
  __importance: Importance;
  __importanceScore: number | null;
  __weight: number;
  __covered: number;
};

/** Every skill and tool of a role, with its weight and whether `known` covers it; one statement. */
export function skillGapRows(dataSource: DataSource, roleId: number, known: KnownItems): Promise<SkillGapRow[]> {
  const l = sql`l`;
  const e = sql`e`;
  const arms = ROLE_ITEM_LINKS.map((link) => {
    const item = column(l, link.item);
    const covered =
      'roleId' in known
        ? sql`EXISTS (SELECT 1 FROM ${link.table} k WHERE k.${link.role} = ${known.roleId} AND k.${link.item} = ${item})`
        : sql`${item} IN (${jsonArrayValues(known.itemIds[link.type])})`;
    const score = link.rated ? sql`l."importanceScore"` : sql`NULL`;
    return sql`SELECT ${literal(link.type)} AS "__type", ${itemColumns(dataSource, link.type, e)}, l."importance" AS "__importance",
          ${score} AS "__importanceScore", ${link.weight(l)} AS "__weight", ${covered} AS "__covered"
        FROM ${link.table} l JOIN ${link.itemTable} e ON e."id" = ${item} WHERE ${column(l, link.role)} = ${roleId}`;
  });
  return rows<SkillGapRow>(dataSource, join(arms, sql` UNION ALL `));
}
