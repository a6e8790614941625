import type { EntityManager } from 'typeorm';
import { insertRows, updateRows } from '../dataset/dataset.write';
import { slugify } from './onet.slug';
import type { EntityCounts } from './onet.summary';
import type { DbRow } from './onet.write';

/** A category the import keeps; its slug is made from `name` unless given. */
export interface WantedCategory {
  key: string;
  slug?: string;
  name: string;
  description: string;
  parentId: number | null;
}

/** The slugs a category may take, in order: `x`, then `x-onet`, `x-onet-2`, … */
function* candidateSlugs(base: string): Generator<string> {
  yield base;
  yield `${base}-onet`;
  for (let n = 2; ; n++) yield `${base}-onet-${n}`;
}

/**
 * Makes sure the wanted categories exist and returns their ids by key. Categories carry no
 * citations, so where a category sits tells whose it is: a row with the wanted slug under the
 * wanted parent is O*NET's (its name and description follow the release); a row with that slug
 * anywhere else in the tree belongs to someone else and keeps its slug, and the O*NET category
 * takes the next candidate instead. The choice is the same on every run.
 */
export async function writeCategories(
  manager: EntityManager,
  wanted: readonly WantedCategory[],
  counts: EntityCounts,
): Promise<Map<string, number>> {
  const rows: DbRow[] = await manager.query(`SELECT "id", "slug", "name", "description", "parentId" FROM "category"`);
  const bySlug = new Map(rows.map((row) => [row.slug as string, row]));
  const claimed = new Set<string>();
  const inserts: unknown[][] = [];
  const updates: unknown[][] = [];
  const slugOf = new Map<string, string>();
  for (const category of wanted) {
    for (const slug of candidateSlugs(category.slug ?? slugify(category.name))) {
      const row = bySlug.get(slug);
      if (claimed.has(slug) || (row && row.parentId !== category.parentId)) continue;
      claimed.add(slug);
      slugOf.set(category.key, slug);
      if (!row) {
        inserts.push([slug, category.name, category.description, category.parentId]);
        counts.created++;
      } else if (row.name !== category.name || row.description !== category.description) {
        updates.push([row.id, category.name, category.description]);
        counts.updated++;
      } else counts.unchanged++;
      break;
    }
  }
  await updateRows(manager, 'category', ['name', 'description'], updates);
  await insertRows(manager, 'category', ['slug', 'name', 'description', 'parentId'], inserts);
  const ids: DbRow[] = inserts.length ? await manager.query(`SELECT "id", "slug" FROM "category"`) : rows;
  const idBySlug = new Map(ids.map((row) => [row.slug as string, Number(row.id)]));
  return new Map([...slugOf].map(([key, slug]) => [key, idBySlug.get(slug)!]));
}
