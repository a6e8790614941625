import type { Queryable } from '../db/sql';
import { readAttributes } from '../model/paths';
import { DATASET_LISTS, NODE_TYPES, nodeKeyOfList, type DatasetList } from '../model/node-types';
import { linkRelationKeys, RELATIONS, type CitationSubject, type LinkRelationKey } from '../model/relations';
import { citationKey } from '../source/citation.entity';
import { DATASET_FORMAT, DATASET_VERSION, type Dataset } from './dataset.format';
import { linkFields, referenceFields, SCALAR_FIELDS } from './dataset.mapping';
import { selectCitedSlugs, selectLinkRecordRows, selectRecordRows, type CitedSlugRow, type LinkRecordRow } from './dataset.store';
import { pushAll } from '../shared/arrays';

/** One record of the dataset format, as an export writes it. */
export type ExportRecord = Record<string, unknown> & { slug: string };

/** Records by list. */
export type RecordLists = Record<DatasetList, ExportRecord[]>;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Drops null and undefined fields, so exports list only what is known. */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/**
 * Reads records in the interchange format: every record, or with `only` those of the given row ids
 * per list. Records, their links and their sources are ordered by slug. A symmetric pair
 * (collaboration) is listed on both its ends, so each record says all of its own links and can be
 * written alone (the import engine makes an owner's pairs exactly those it lists).
 */
export async function readRecords(
  db: Queryable,
  only?: Partial<Record<DatasetList, readonly number[]>>,
  onProgress: (step: string) => void = () => {},
): Promise<RecordLists> {
  const wanted = (list: DatasetList) => (only ? only[list] : undefined);
  const lists = DATASET_LISTS.filter((list) => !only || (only[list]?.length ?? 0) > 0);

  const citationRows: CitedSlugRow[] = only ? [] : await selectCitedSlugs(db);
  if (!only) onProgress(`citations: ${citationRows.length}`);
  /** Each relation's link rows, for the owners asked about. */
  const linkRows = new Map<LinkRelationKey, LinkRecordRow[]>();
  for (const relation of linkRelationKeys) {
    const owner = NODE_TYPES[RELATIONS[relation].from.type].datasetList;
    if (!lists.includes(owner)) continue;
    const found = await selectLinkRecordRows(db, relation, wanted(owner));
    linkRows.set(relation, found);
    onProgress(`${RELATIONS[relation].storage.table}: ${found.length}`);
    if (only && found.length) {
      const table = RELATIONS[relation].storage.table;
      pushAll(citationRows, await selectCitedSlugs(db, { type: table, ids: [...new Set(found.map((row) => Number(row.id)))] }));
    }
  }
  for (const list of lists) {
    const type = nodeKeyOfList(list);
    if (only && NODE_TYPES[type].cited)
      pushAll(citationRows, await selectCitedSlugs(db, { type: type as CitationSubject, ids: only[list]! }));
  }
  const citations = new Map<string, string[]>();
  for (const row of citationRows) {
    const key = citationKey(row.subjectType, Number(row.subjectId));
    const slugs = citations.get(key);
    if (slugs) slugs.push(row.slug);
    else citations.set(key, [row.slug]);
  }
  const cited = (subject: CitationSubject, id: number) => (citations.get(citationKey(subject, id)) ?? []).sort();

  /** Each relation's link records by owner row id, sorted by the slug of the other end. */
  const links = new Map<LinkRelationKey, Map<number, Record<string, unknown>[]>>();
  for (const [relation, found] of linkRows) {
    const spec = RELATIONS[relation];
    const key = spec.dataset.key;
    const byOwner = new Map<number, Record<string, unknown>[]>();
    for (const row of found) {
      const list = byOwner.get(Number(row.owner)) ?? [];
      list.push(
        compact({
          [key]: row.target,
          ...readAttributes({ attributes: spec.attributes, weighted: false }, row),
          sources: cited(spec.storage.table, Number(row.id)),
        }),
      );
      byOwner.set(Number(row.owner), list);
    }
    for (const list of byOwner.values()) list.sort((a, b) => byText(String(a[key]), String(b[key])));
    links.set(relation, byOwner);
  }

  const result = Object.fromEntries(DATASET_LISTS.map((list) => [list, []])) as unknown as RecordLists;
  for (const list of lists) {
    const type = nodeKeyOfList(list);
    const references = referenceFields(type);
    const owned = linkFields(type);
    const records = (await selectRecordRows(db, type, references, wanted(list))).map((row) => {
      const id = Number(row.id);
      return compact({
        slug: row.slug,
        ...Object.fromEntries(SCALAR_FIELDS[list].map(({ field, json }) => [field, json ? JSON.parse(row[field] as string) : row[field]])),
        ...Object.fromEntries(references.map((r) => [r.field, row[`ref_${r.field}`]])),
        sources: NODE_TYPES[type].cited ? cited(type as CitationSubject, id) : undefined,
        ...Object.fromEntries(owned.map((l) => [l.field, links.get(l.relation)!.get(id) ?? []])),
      });
    });
    result[list] = records.sort((a, b) => byText(a.slug, b.slug));
    onProgress(`${list}: ${records.length}`);
  }
  return result;
}

/** How many progress steps `exportDataset` reports: the citations, each link relation, each list. */
export const EXPORT_STEPS = 1 + linkRelationKeys.length + DATASET_LISTS.length;

/**
 * Reads the whole database as one dataset in the interchange format. Everything is ordered by
 * slug (entities, links, sources), so the same data always serialises to the same bytes: an
 * export imported into an empty database exports identically. A symmetric pair is written once,
 * on the end whose slug sorts first.
 */
export async function exportDataset(db: Queryable, onProgress?: (step: string) => void): Promise<Dataset> {
  const records = await readRecords(db, undefined, onProgress);
  for (const relation of linkRelationKeys) {
    const spec = RELATIONS[relation];
    if (spec.storage.kind !== 'symmetric') continue;
    for (const record of records[NODE_TYPES[spec.from.type].datasetList]) {
      record[spec.dataset.field] = (record[spec.dataset.field] as Record<string, unknown>[]).filter(
        (l) => record.slug < String(l[spec.dataset.key]),
      );
    }
  }
  return { format: DATASET_FORMAT, version: DATASET_VERSION, ...records } as unknown as Dataset;
}

/** The bytes of an export: two-space JSON and a final newline. */
export function serializeDataset(dataset: Dataset): string {
  return `${JSON.stringify(dataset, null, 2)}\n`;
}
