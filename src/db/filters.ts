import { parseSlugOrId } from '../shared/global-id';
import { jsonArrayTable, likeNocase } from './dialect';
import { likeContains, registryIdent, sql, type Sql } from './sql';

/**
 * Conditions every list filter shares, over the listed entity aliased `e`. Each domain's store
 * composes them with its own (src/<domain>/<domain>.store.ts).
 */

/** Name (or any alias) contains the text, case-insensitively; `column` comes from the registry. */
export function nameContains(text: string | undefined | null, column = 'name', withAliases = true): Sql[] {
  if (text === undefined || text === null) return [];
  const trimmed = text.trim();
  if (!trimmed) return [];
  const pattern = likeContains(trimmed);
  const name = likeNocase(sql`e.${registryIdent(column)}`, pattern);
  if (!withAliases) return [name];
  const aliases = jsonArrayTable(sql`e."aliases"`, sql`a`);
  return [sql`${name} OR EXISTS (SELECT 1 FROM ${aliases} WHERE ${likeNocase(sql`a.value`, pattern)})`];
}

/** In the category or any of its subcategories, by slug or id. */
export function inCategory(value: string | undefined | null): Sql[] {
  if (value === undefined || value === null) return [];
  const slug = parseSlugOrId(value, 'Category', 'filter.category');
  return [
    sql`e."categoryId" IN (WITH RECURSIVE tree(id) AS (SELECT "id" FROM "category" WHERE "slug" = ${slug}
        UNION SELECT c."id" FROM "category" c JOIN tree ON c."parentId" = tree.id) SELECT id FROM tree)`,
  ];
}
