import type { ImportWriter, EntityCounts, EntityPlan } from '../import/import.writer';
import { slugify } from '../import/slug';

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
 * Makes sure the wanted categories exist and returns their ids by key (none for a category a
 * curator deleted: its tombstone keeps it deleted). Categories carry no
 * citations, so where a category sits tells whose it is: a row with the wanted slug under the
 * wanted parent is O*NET's (its name and description follow the release); a row with that slug
 * anywhere else in the tree belongs to someone else and keeps its slug, and the O*NET category
 * takes the next candidate instead. The choice is the same on every run.
 */
export async function writeCategories(
  writer: ImportWriter,
  wanted: readonly WantedCategory[],
  counts: EntityCounts,
): Promise<Map<string, number>> {
  const rows = await writer.rows('category', ['slug', 'name', 'description', 'parentId']);
  const bySlug = new Map(rows.map((row) => [row.slug as string, row]));
  const claimed = new Set<string>();
  const planOf = new Map<string, EntityPlan>();
  for (const category of wanted) {
    // A parent a curator deleted (so not written again) leaves its children at the top level.
    const parentId = category.parentId ?? null;
    for (const slug of candidateSlugs(category.slug ?? slugify(category.name))) {
      const row = bySlug.get(slug);
      if (claimed.has(slug) || (row && (row.parentId ?? null) !== parentId)) continue;
      claimed.add(slug);
      planOf.set(category.key, {
        existing: row,
        values: { slug, name: category.name, description: category.description, parentId },
      });
      break;
    }
  }
  const written = await writer.syncEntities({ type: 'category', owned: ['name', 'description'] }, [...planOf.values()]);
  for (const what of ['created', 'updated', 'unchanged', 'skipped'] as const) counts[what] += written.counts[what];
  return new Map([...planOf].flatMap(([key, plan]) => (written.idOf.has(plan) ? [[key, written.idOf.get(plan)!]] : [])));
}
