import type { Relation } from '../shared/relation';
import { Category } from './category.entity';

/** The direct subcategories of a category. */
export const categoriesByParentId: Relation<Category> = {
  name: 'categoriesByParentId',
  entity: Category,
  source: { from: `(SELECT "id" AS "linkId", "parentId" AS "parent", "id" AS "child" FROM "category")` },
};
