import { parseGlobalId, type NodeType } from './global-id';
import { UserInputError } from './errors';
import { likeContains, sql, type Sql } from './sql';

/** Name (or any alias) contains the text, case-insensitively; `e` is the listed entity. */
export function nameContains(text: string | undefined, column = 'name', withAliases = true): Sql[] {
  if (text === undefined || text === null) return [];
  const trimmed = text.trim();
  if (!trimmed) return [];
  const pattern = likeContains(trimmed);
  if (!withAliases) return [sql(`e."${column}" LIKE ? ESCAPE '\\'`, pattern)];
  return [
    sql(
      `e."${column}" LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(e."aliases") a WHERE a.value LIKE ? ESCAPE '\\')`,
      pattern,
      pattern,
    ),
  ];
}

/** In the category or any of its subcategories, by slug or id. */
export function inCategory(value: string | undefined): Sql[] {
  if (value === undefined || value === null) return [];
  const slug = slugOrId(value, 'Category', 'filter.category');
  return [
    sql(
      `e."categoryId" IN (WITH RECURSIVE tree(id) AS (SELECT "id" FROM "category" WHERE "slug" = ?
        UNION SELECT c."id" FROM "category" c JOIN tree ON c."parentId" = tree.id) SELECT id FROM tree)`,
      slug,
    ),
  ];
}

/** Accepts either a global id of the given type or a slug, and returns the slug. */
export function slugOrId(value: string, type: NodeType, argument: string): string {
  if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)) return value;
  const decoded = parseGlobalId(value);
  if (decoded && decoded.type === type) return decoded.slug;
  throw new UserInputError(`\`${argument}\` takes a ${type} slug (lowercase-kebab-case) or id; "${value}" is neither.`, argument);
}
