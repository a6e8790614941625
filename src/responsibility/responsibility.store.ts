import { nameContains } from '../db/filters';
import type { Sql } from '../db/sql';
import type { ResponsibilityFilter } from './responsibility.inputs';

/** The conditions of a responsibility list's `filter`, over the listed responsibility aliased `e`. */
export function responsibilityFilterSql(filter: ResponsibilityFilter | undefined): Sql[] {
  return nameContains(filter?.nameContains, 'name', false);
}
