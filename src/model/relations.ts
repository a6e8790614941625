import type { CitedNodeKey, NodeKey } from './node-types';

/**
 * Every relation of the atlas, declared once: where it is stored, its two ends, the attributes
 * its edges carry, how it is cited, drawn in the skill graph and written in the dataset format.
 * Relation loaders, citation subjects, skill-graph links, dataset import and export, the
 * importers' link writing and row counts are all derived from this table.
 *
 * Plain data, no imports of domain code (see node-types.ts).
 */

/** How an attribute's value is stored and read back. */
export type AttributeKind =
  /** `ESSENTIAL` or `OPTIONAL` (src/shared/enums.ts `Importance`). */
  | 'importance'
  /** A rating, stored REAL. */
  | 'real'
  /** A boolean, stored 0/1 by SQLite. */
  | 'flag'
  | 'text'
  | 'integer';

export interface AttributeSpec {
  readonly column: string;
  readonly kind: AttributeKind;
  readonly nullable: boolean;
  /**
   * Who states it. `shared`: curated links state it too, so an importer rewrites it only on links
   * it owns. `external`: only an external taxonomy (O*NET) states it, so the importer rewrites it
   * on every link it asserts, curated ones included.
   */
  readonly statedBy: 'shared' | 'external';
}

/** Where a relation's pairs live. */
export type Storage =
  /** A link table with an `id`, one row per pair (`from.column`, `to.column`). */
  | { readonly kind: 'table'; readonly table: string }
  /** A link table with one row per unordered pair, read both ways. */
  | { readonly kind: 'symmetric'; readonly table: string }
  /**
   * A foreign key column on one end's table naming the other end (`role.broaderId`): the end
   * holding it has `column: 'id'`, the other end names the foreign key column.
   */
  | { readonly kind: 'column'; readonly table: string };

export interface End {
  readonly type: NodeKey;
  /** The column naming this end's row id (`roleId`); `id` for the row itself of a column relation. */
  readonly column: string;
}

/** A weight rule for the skill graph and every score (src/model/weights.ts). */
export type WeightRule = 'roleSkill' | 'roleItem' | 'importanceOrOne' | 'one';

export interface RelationSpec {
  readonly storage: Storage;
  /** Edges point from → to. For a link table, `from` owns the pairs in the dataset format. */
  readonly from: End;
  readonly to: End;
  readonly attributes: readonly AttributeSpec[];
  /**
   * The citation subject of a pair: the link row itself (`link`), the row of the `to` end (a
   * broader-role link is cited by the narrower role's sources), or nothing.
   */
  readonly citedBy: 'link' | 'to' | null;
  /** The skill-graph edge kind and weight; null when the graph does not draw it. */
  readonly graph: { readonly kind: string; readonly weight: WeightRule } | null;
  /** The field of the owner's dataset record and the key naming the other end; column relations are scalar fields. */
  readonly dataset: { readonly field: string; readonly key: string | null };
}

const importance = (nullable: boolean, statedBy: AttributeSpec['statedBy'] = 'shared'): AttributeSpec => ({
  column: 'importance',
  kind: 'importance',
  nullable,
  statedBy,
});
const external = (column: string, kind: AttributeKind, nullable = true): AttributeSpec => ({
  column,
  kind,
  nullable,
  statedBy: 'external',
});

export const RELATIONS = {
  /** A role needs a skill, with importance and, for O*NET, importance and level ratings. */
  roleSkill: {
    storage: { kind: 'table', table: 'role_skill' },
    from: { type: 'role', column: 'roleId' },
    to: { type: 'skill', column: 'skillId' },
    attributes: [importance(false), external('importanceScore', 'real'), external('level', 'real')],
    citedBy: 'link',
    graph: { kind: 'ROLE_SKILL', weight: 'roleSkill' },
    dataset: { field: 'skills', key: 'skill' },
  },
  /** A role uses a tool, with importance and O*NET's Hot Technology and In Demand flags. */
  roleTool: {
    storage: { kind: 'table', table: 'role_tool' },
    from: { type: 'role', column: 'roleId' },
    to: { type: 'tool', column: 'toolId' },
    attributes: [importance(false), external('hotTechnology', 'flag'), external('inDemand', 'flag')],
    citedBy: 'link',
    graph: { kind: 'ROLE_TOOL', weight: 'roleItem' },
    dataset: { field: 'tools', key: 'tool' },
  },
  /** A role carries a responsibility; O*NET states core (ESSENTIAL) or supplemental (OPTIONAL). */
  roleResponsibility: {
    storage: { kind: 'table', table: 'role_responsibility' },
    from: { type: 'role', column: 'roleId' },
    to: { type: 'responsibility', column: 'responsibilityId' },
    attributes: [importance(true, 'external')],
    citedBy: 'link',
    graph: { kind: 'ROLE_RESPONSIBILITY', weight: 'importanceOrOne' },
    dataset: { field: 'responsibilities', key: 'responsibility' },
  },
  /** A responsibility calls for a skill. */
  responsibilitySkill: {
    storage: { kind: 'table', table: 'responsibility_skill' },
    from: { type: 'responsibility', column: 'responsibilityId' },
    to: { type: 'skill', column: 'skillId' },
    attributes: [],
    citedBy: 'link',
    graph: { kind: 'RESPONSIBILITY_SKILL', weight: 'one' },
    dataset: { field: 'skills', key: 'skill' },
  },
  /** A skill is practised with a tool. */
  skillTool: {
    storage: { kind: 'table', table: 'skill_tool' },
    from: { type: 'skill', column: 'skillId' },
    to: { type: 'tool', column: 'toolId' },
    attributes: [],
    citedBy: 'link',
    graph: { kind: 'SKILL_TOOL', weight: 'one' },
    dataset: { field: 'tools', key: 'tool' },
  },
  /** A narrower role specialises a broader one: `role.broaderId`. */
  specialization: {
    storage: { kind: 'column', table: 'role' },
    from: { type: 'role', column: 'broaderId' },
    to: { type: 'role', column: 'id' },
    attributes: [],
    citedBy: 'to',
    graph: { kind: 'SPECIALIZATION', weight: 'one' },
    dataset: { field: 'broader', key: null },
  },
  /** Two roles work together; stored once per pair (lower row id first) and read both ways. */
  roleCollaboration: {
    storage: { kind: 'symmetric', table: 'role_collaboration' },
    from: { type: 'role', column: 'roleId' },
    to: { type: 'role', column: 'otherRoleId' },
    attributes: [],
    citedBy: 'link',
    graph: { kind: 'COLLABORATION', weight: 'one' },
    dataset: { field: 'collaboratesWith', key: 'role' },
  },
  /**
   * An external taxonomy ranks another occupation as related (O*NET Related Occupations): stored
   * links, exposed as `Role.relatedOccupations`. Not to be confused with `relatedRoles`, which is
   * computed similarity (src/graph/related-roles.service.ts). The dataset field keeps its
   * published name, `relatedRoles`.
   */
  relatedOccupation: {
    storage: { kind: 'table', table: 'role_related' },
    from: { type: 'role', column: 'roleId' },
    to: { type: 'role', column: 'relatedRoleId' },
    attributes: [external('tier', 'text', false), external('rank', 'integer', false)],
    citedBy: 'link',
    graph: null,
    dataset: { field: 'relatedRoles', key: 'role' },
  },
  /** A skill is filed under a category: `skill.categoryId`. */
  skillCategory: {
    storage: { kind: 'column', table: 'skill' },
    from: { type: 'skill', column: 'id' },
    to: { type: 'category', column: 'categoryId' },
    attributes: [],
    citedBy: null,
    graph: { kind: 'CATEGORY', weight: 'one' },
    dataset: { field: 'category', key: null },
  },
  /** A tool is filed under a category: `tool.categoryId`. */
  toolCategory: {
    storage: { kind: 'column', table: 'tool' },
    from: { type: 'tool', column: 'id' },
    to: { type: 'category', column: 'categoryId' },
    attributes: [],
    citedBy: null,
    graph: { kind: 'CATEGORY', weight: 'one' },
    dataset: { field: 'category', key: null },
  },
  /** A category sits under a parent category: `category.parentId`. */
  categoryParent: {
    storage: { kind: 'column', table: 'category' },
    from: { type: 'category', column: 'id' },
    to: { type: 'category', column: 'parentId' },
    attributes: [],
    citedBy: null,
    graph: { kind: 'CATEGORY', weight: 'one' },
    dataset: { field: 'parent', key: null },
  },
} as const satisfies Record<string, RelationSpec>;

export type RelationKey = keyof typeof RELATIONS;

/** Relations stored in a link table of their own (with row ids that citations point at). */
export type LinkRelationKey = {
  [K in RelationKey]: (typeof RELATIONS)[K]['storage']['kind'] extends 'column' ? never : K;
}[RelationKey];

/** The link tables' names. */
export type LinkTable = (typeof RELATIONS)[LinkRelationKey]['storage']['table'];

export const relationKeys = Object.keys(RELATIONS) as RelationKey[];
export const linkRelationKeys = relationKeys.filter((k) => RELATIONS[k].storage.kind !== 'column') as LinkRelationKey[];

/** The relation stored in a link table. */
export function relationOfTable(table: LinkTable): LinkRelationKey {
  return linkRelationKeys.find((k) => RELATIONS[k].storage.table === table)!;
}

/** What a citation can be about: a cited entity (by its table) or a link table. */
export type CitationSubject = CitedNodeKey | LinkTable;

/** The foreign key column of a column relation (`broaderId`), or null for a link table. */
export function foreignKeyOf(spec: RelationSpec): string | null {
  if (spec.storage.kind !== 'column') return null;
  return spec.from.column === 'id' ? spec.to.column : spec.from.column;
}
