import { join, registryIdent, rows, sql, type Queryable, type Sql } from '../db/sql';
import { NODE_TYPES, type SearchableKey } from '../model/node-types';
import type { SearchableType } from '../search/search.types';

/** A row of `namedEntityRows`: aliases as the JSON array the column holds ('[]' for types without aliases). */
export interface NamedEntityRow {
  type: SearchableType;
  id: number;
  slug: string;
  name: string;
  aliases: string;
}

/** The searchable types and whether their table has an `aliases` column. */
const NAMED: readonly [SearchableKey, boolean][] = [
  ['role', true],
  ['skill', true],
  ['tool', true],
  ['responsibility', false],
  ['category', false],
];

/** Every name and alias of every searchable type, for compiling the matcher; one statement. */
export function namedEntityRows(db: Queryable): Promise<NamedEntityRow[]> {
  const parts: Sql[] = NAMED.map(([key, hasAliases]) => {
    const spec = NODE_TYPES[key];
    const aliases = hasAliases ? sql`"aliases"` : sql`'[]'`;
    return sql`SELECT ${spec.search.value} AS "type", "id", "slug", "name", ${aliases} AS "aliases" FROM ${registryIdent(spec.table)}`;
  });
  return rows<NamedEntityRow>(db, sql`/* namedEntityRows */ ${join(parts, sql` UNION ALL `)}`);
}
