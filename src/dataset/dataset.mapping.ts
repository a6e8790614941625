import type { EntityManager } from 'typeorm';
import { ImportWriter, pairKey, type EntityPlan, type WantedLink } from '../import/import.writer';
import { DATASET_LISTS, NODE_TYPES, nodeKeyOfList, type DatasetList, type NodeKey } from '../model/node-types';
import { foreignKeyOf, linkRelationKeys, RELATIONS, relationKeys, type LinkRelationKey, type RelationKey } from '../model/relations';
import type { Dataset } from './dataset.format';

/*
 * How the dataset format maps onto the atlas: a record's own fields are columns of its entity's
 * table, and every relation the registry gives a dataset field (src/model/relations.ts
 * `dataset`) is either a slug naming the other end (a foreign key column) or a list of links the
 * record owns. Writing, exporting and comparing datasets all read this.
 */

/** One of a record's own fields: stored in the column of the same name. */
export interface ScalarField {
  field: string;
  /** Stored when the record leaves the field out (and what an export of that value means). */
  absent: unknown;
  /** Stored as JSON text (aliases). */
  json?: boolean;
}

const nullable = (field: string): ScalarField => ({ field, absent: null });
const text = (field: string): ScalarField => ({ field, absent: '' });
const aliases: ScalarField = { field: 'aliases', absent: [], json: true };

/** Each list's own fields besides `slug`, in the order an export writes them. */
export const SCALAR_FIELDS: Record<DatasetList, readonly ScalarField[]> = {
  sources: ['title', 'publisher', 'author', 'publishedOn', 'url', 'version', 'licence', 'attribution', 'file'].map(nullable),
  categories: [nullable('name'), text('description')],
  skills: [nullable('name'), aliases, text('description'), nullable('kind')],
  tools: [nullable('name'), aliases, text('description'), { field: 'kind', absent: 'TECHNOLOGY' }],
  responsibilities: [nullable('name'), text('description')],
  roles: [nullable('name'), aliases, text('summary'), nullable('externalCode'), nullable('jobZone')],
};

/** The values a record's absent fields stand for (nothing for fields that are stored null). */
export function recordDefaults(list: DatasetList): Record<string, unknown> {
  return Object.fromEntries(SCALAR_FIELDS[list].filter((f) => f.absent !== null).map((f) => [f.field, f.absent]));
}

/** A field naming another entity by slug, stored as a foreign key column (`category` → `categoryId`). */
export interface ReferenceField {
  relation: RelationKey;
  field: string;
  column: string;
  target: NodeKey;
}

/** The reference fields of a node type's records, from the registry's column relations. */
export function referenceFields(type: NodeKey): ReferenceField[] {
  return relationKeys.flatMap((relation) => {
    const spec = RELATIONS[relation];
    const column = foreignKeyOf(spec);
    return column && spec.from.type === type ? [{ relation, field: spec.dataset.field, column, target: spec.to.type as NodeKey }] : [];
  });
}

/** The order link lists appear in a record, as the format has always written them. */
const LINK_FIELD_ORDER = ['collaboratesWith', 'responsibilities', 'skills', 'tools', 'relatedRoles'];

/** A link list a record owns: the relation's `from` end owns its pairs; `key` names the other end. */
export interface LinkField {
  relation: LinkRelationKey;
  field: string;
  key: string;
}

/** The link lists of a node type's records, from the registry's link relations. */
export function linkFields(type: NodeKey): LinkField[] {
  return linkRelationKeys
    .filter((relation) => RELATIONS[relation].from.type === type)
    .map((relation) => ({ relation, field: RELATIONS[relation].dataset.field, key: RELATIONS[relation].dataset.key! }))
    .sort((a, b) => LINK_FIELD_ORDER.indexOf(a.field) - LINK_FIELD_ORDER.indexOf(b.field));
}

/** A record of any list, as the writer reads it. */
type AnyRecord = Record<string, unknown> & { slug: string; sources?: string[] };
type LinkItem = Record<string, unknown> & { sources: string[] };

function scalarValues(list: DatasetList, record: AnyRecord): Record<string, unknown> {
  return Object.fromEntries(
    SCALAR_FIELDS[list].map(({ field, absent, json }) => {
      const value = record[field] ?? absent;
      return [field, json ? JSON.stringify(value) : value];
    }),
  );
}

/**
 * Every slug a dataset names, by node type: its records', the ones their reference fields and
 * link lists name, and the sources they cite. Writing and validating a dataset need to know of
 * these rows only, so a write of a few records reads a few rows however large the database is.
 */
export function namedSlugs(data: Partial<Record<DatasetList, readonly unknown[]>>): Map<NodeKey, Set<string>> {
  const named = new Map<NodeKey, Set<string>>();
  const add = (type: NodeKey, slug: unknown) => {
    if (typeof slug !== 'string') return;
    const slugs = named.get(type) ?? new Set<string>();
    named.set(type, slugs.add(slug));
  };
  const addSources = (item: Record<string, unknown>) => {
    if (Array.isArray(item.sources)) item.sources.forEach((slug) => add('source', slug));
  };
  for (const list of DATASET_LISTS) {
    const type = nodeKeyOfList(list);
    for (const record of (data[list] ?? []) as Record<string, unknown>[]) {
      if (!record || typeof record !== 'object') continue;
      add(type, record.slug);
      addSources(record);
      for (const reference of referenceFields(type)) add(reference.target, record[reference.field]);
      for (const { relation, field, key } of linkFields(type)) {
        const links = record[field];
        if (!Array.isArray(links)) continue;
        for (const link of links as Record<string, unknown>[]) {
          if (!link || typeof link !== 'object') continue;
          add(RELATIONS[relation].to.type as NodeKey, link[key]);
          addSources(link);
        }
      }
    }
  }
  return named;
}

/** Progress is reported after these groups of lists, then after the citations and after the links: `WRITE_STEPS` steps. */
const PROGRESS_GROUPS: readonly (readonly DatasetList[])[] = [
  ['sources'],
  ['categories'],
  ['skills', 'tools', 'responsibilities', 'roles'],
];

/** How many progress steps `writeDataset` reports. */
export const WRITE_STEPS = PROGRESS_GROUPS.length + 2;

/**
 * Writes a validated dataset inside the caller's transaction, through the import engine: every
 * record by slug (a record describes its entity fully, so a missing optional field is stored as
 * its default), then the links each record owns. An authoritative import: each subject's citations
 * become the sources it lists. Only what differs is written, so loading the same data twice
 * changes nothing, id counters included.
 */
export async function writeDataset(manager: EntityManager, data: Dataset, onProgress: (step: string) => void = () => {}): Promise<void> {
  const writer = new ImportWriter(manager);
  await writer.loadCitations({ mode: 'authoritative' }, 'touched');
  const named = namedSlugs(data);
  const ids = new Map<NodeKey, Map<string, number>>();
  const recordsOf = (list: DatasetList) => (data[list] ?? []) as unknown as AnyRecord[];
  const sourceIds = (slugs: readonly string[] | undefined) => (slugs ?? []).map((slug) => ids.get('source')!.get(slug)!);

  const writeList = async (list: DatasetList) => {
    const type = nodeKeyOfList(list);
    const records = recordsOf(list);
    const references = referenceFields(type);
    // A reference to a type already written goes in with the row; one to its own type (a
    // broader role, a parent category) is set afterwards, when every row of the list has an id.
    const now = references.filter((r) => r.target !== type && ids.has(r.target));
    const later = references.filter((r) => !now.includes(r));
    const columns = [...SCALAR_FIELDS[list].map((f) => f.field), ...now.map((r) => r.column)];
    const existing = await writer.rows(type, ['slug', ...columns, ...later.map((r) => r.column)], {
      column: 'slug',
      values: [...(named.get(type) ?? [])],
    });
    const bySlug = new Map(existing.map((row) => [row.slug as string, row]));
    const referenceId = (r: ReferenceField, record: AnyRecord) =>
      record[r.field] ? ids.get(r.target)!.get(record[r.field] as string)! : null;
    const plans = records.map(
      (record): EntityPlan => ({
        existing: bySlug.get(record.slug),
        values: {
          slug: record.slug,
          ...scalarValues(list, record),
          ...Object.fromEntries(now.map((r) => [r.column, referenceId(r, record)])),
        },
        sources: sourceIds(record.sources),
      }),
    );
    const { idOf } = await writer.syncEntities({ type, owned: columns }, plans);
    const idBySlug = new Map(existing.map((row) => [row.slug as string, row.id]));
    plans.forEach((plan) => idBySlug.set(plan.values.slug as string, idOf.get(plan)!));
    ids.set(type, idBySlug);
    for (const r of later) {
      await writer.syncColumn(
        type,
        r.column,
        records.map((record) => ({ row: bySlug.get(record.slug), id: idBySlug.get(record.slug)!, value: referenceId(r, record) })),
      );
    }
  };

  for (const group of PROGRESS_GROUPS) {
    for (const list of group) await writeList(list);
    onProgress(`${group.join(', ')}: ${group.reduce((n, list) => n + recordsOf(list).length, 0)}`);
  }
  await writer.flushCitations();
  onProgress('entity citations');

  for (const relation of linkRelationKeys) {
    const spec = RELATIONS[relation];
    const { field, key } = spec.dataset;
    const symmetric = spec.storage.kind === 'symmetric';
    const owners: number[] = [];
    const wanted = new Map<string, WantedLink>();
    for (const record of recordsOf(NODE_TYPES[spec.from.type].datasetList)) {
      const links = record[field] as LinkItem[] | undefined;
      if (links === undefined) continue;
      const from = ids.get(spec.from.type)!.get(record.slug)!;
      owners.push(from);
      for (const link of links) {
        const to = ids.get(spec.to.type)!.get(link[key!] as string)!;
        const pair = symmetric && to < from ? pairKey(to, from) : pairKey(from, to);
        const values = Object.fromEntries(spec.attributes.map((a) => [a.column, link[a.column] ?? null]));
        // A symmetric pair listed on both roles is one link, cited by the sources of both.
        const sources = [...new Set([...(wanted.get(pair)?.sources ?? []), ...sourceIds(link.sources)])];
        wanted.set(pair, { from, to, values, sources });
      }
    }
    await writer.syncLinks(relation, owners, wanted);
  }
  await writer.finish();
  onProgress('links and their citations');
}
