import type { DataSource } from 'typeorm';
import { readAttributes } from '../model/paths';
import { DATASET_LISTS, NODE_TYPES, nodeKeyOfList } from '../model/node-types';
import { linkRelationKeys, RELATIONS, type CitationSubject, type LinkRelationKey } from '../model/relations';
import { citationKey } from '../source/citation.entity';
import { DATASET_FORMAT, DATASET_VERSION, type Dataset } from './dataset.format';
import { linkFields, referenceFields, SCALAR_FIELDS } from './dataset.mapping';
import { selectCitedSlugs, selectLinkRecordRows, selectRecordRows } from './dataset.store';

type ExportRecord = Record<string, unknown>;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Drops null and undefined fields, so exports list only what is known. */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/**
 * Reads the whole database as one dataset in the interchange format. Everything is ordered by
 * slug (entities, links, sources), so the same data always serialises to the same bytes: an
 * export imported into an empty database exports identically.
 */
export async function exportDataset(dataSource: DataSource): Promise<Dataset> {
  const citations = new Map<string, string[]>();
  for (const row of await selectCitedSlugs(dataSource)) {
    const key = citationKey(row.subjectType, Number(row.subjectId));
    const list = citations.get(key);
    if (list) list.push(row.slug);
    else citations.set(key, [row.slug]);
  }
  const cited = (subject: CitationSubject, id: number) => (citations.get(citationKey(subject, id)) ?? []).sort();

  /** Each relation's link records by owner row id, sorted by the slug of the other end. */
  const links = new Map<LinkRelationKey, Map<number, ExportRecord[]>>();
  for (const relation of linkRelationKeys) {
    const spec = RELATIONS[relation];
    const byOwner = new Map<number, ExportRecord[]>();
    for (const row of await selectLinkRecordRows(dataSource, relation)) {
      const list = byOwner.get(Number(row.owner)) ?? [];
      list.push(
        compact({
          [spec.dataset.key]: row.target,
          ...readAttributes(spec.attributes, row),
          sources: cited(spec.storage.table, Number(row.id)),
        }),
      );
      byOwner.set(Number(row.owner), list);
    }
    for (const list of byOwner.values()) list.sort((a, b) => byText(String(a[spec.dataset.key]), String(b[spec.dataset.key])));
    links.set(relation, byOwner);
  }

  const dataset: Dataset = { format: DATASET_FORMAT, version: DATASET_VERSION };
  for (const list of DATASET_LISTS) {
    const type = nodeKeyOfList(list);
    const references = referenceFields(type);
    const owned = linkFields(type);
    const records = (await selectRecordRows(dataSource, type, references)).map((row) => {
      const id = Number(row.id);
      return compact({
        slug: row.slug,
        ...Object.fromEntries(SCALAR_FIELDS[list].map(({ field, json }) => [field, json ? JSON.parse(row[field] as string) : row[field]])),
        ...Object.fromEntries(references.map((r) => [r.field, row[`ref_${r.field}`]])),
        sources: NODE_TYPES[type].cited ? cited(type as CitationSubject, id) : undefined,
        ...Object.fromEntries(owned.map((l) => [l.field, links.get(l.relation)!.get(id) ?? []])),
      });
    });
    (dataset as unknown as Record<string, ExportRecord[]>)[list] = records.sort((a, b) => byText(a.slug as string, b.slug as string));
  }
  return dataset;
}

/** The bytes of an export: two-space JSON and a final newline. */
export function serializeDataset(dataset: Dataset): string {
  return `${JSON.stringify(dataset, null, 2)}\n`;
}
