import { OrderDirection } from '../shared/enums';
import type { KeyShape, KeyValue } from '../shared/cursor';
import { nocase } from './dialect';
import { join, registryIdent, sql, type Sql } from './sql';

/** Sort orders every list understands; IMPORTANCE and the ratings only where the link has them. */
export type SortField = 'NAME' | 'IMPORTANCE' | 'IMPORTANCE_SCORE' | 'LEVEL' | 'RANK';

/** One column of a sort key, over the listed entity `e` or its link `l`. */
interface KeyPart {
  /** The column as stored; cursors carry its value. */
  column: Sql;
  /** Compared and ordered case-insensitively (the list-order indexes use the same collation). */
  nocase: boolean;
  descending: boolean;
  /** `never`: NOT NULL. `low`: NULL is the smallest value. `last`: NULL comes last either way. */
  nulls: 'never' | 'low' | 'last';
  type: 'string' | 'number' | 'integer';
}

/**
 * A total order over a list: columns compared in turn, ending on the row id, so every row has its
 * own key. A cursor holds a row's key; the rows after it are the rows whose key compares greater
 * in this order, whatever was inserted or removed since the cursor was made.
 */
export interface SortKey {
  /** The order's name in cursors (`NAME:ASC`), so that a cursor made in another order is refused. */
  order: string;
  parts: readonly KeyPart[];
}

/** Every sort key built so far, by field, direction and name column: a handful, each immutable. */
const sortKeys = new Map<string, SortKey>();

/**
 * The sort key of an order; `nameColumn` comes from the model registry (a source's name is its
 * title). Built once per order, since every connection field asks for one (200 times in
 * `roles(first: 20) { skills(first: 10) { tools(first: 5) } }`).
 */
export function sortKey(field: SortField, direction: OrderDirection, nameColumn = 'name'): SortKey {
  const id = `${field}:${direction}:${nameColumn}`;
  let sort = sortKeys.get(id);
  if (!sort) sortKeys.set(id, (sort = buildSortKey(field, direction, nameColumn)));
  return sort;
}

function buildSortKey(field: SortField, direction: OrderDirection, nameColumn: string): SortKey {
  const descending = direction === OrderDirection.DESC;
  const name = (desc: boolean): KeyPart => ({
    column: sql`e.${registryIdent(nameColumn)}`,
    nocase: true,
    descending: desc,
    nulls: 'never',
    type: 'string',
  });
  const id = (desc: boolean): KeyPart => ({ column: sql`e."id"`, nocase: false, descending: desc, nulls: 'never', type: 'integer' });
  const link = (column: Sql, nulls: KeyPart['nulls'], type: KeyPart['type']): KeyPart => ({
    column,
    nocase: false,
    descending,
    nulls,
    type,
  });
  // Link orders break ties by name, ascending whichever way the link column goes.
  const thenName = [name(false), id(false)];
  const parts = (() => {
    switch (field) {
      case 'NAME':
        return [name(descending), id(descending)];
      case 'IMPORTANCE':
        // The link's weight (src/model/weights.ts), heaviest first when ascending: ESSENTIAL links
        // weigh more than OPTIONAL ones, and within an importance the better-supported come first.
        return [{ ...link(sql`l."weight"`, 'never', 'number'), descending: !descending }, ...thenName];
      case 'IMPORTANCE_SCORE':
        return [link(sql`l."importanceScore"`, 'last', 'number'), ...thenName];
      case 'LEVEL':
        return [link(sql`l."level"`, 'last', 'number'), ...thenName];
      case 'RANK':
        return [link(sql`l."rank"`, 'low', 'number'), ...thenName];
    }
  })();
  return { order: `${field}:${direction}`, parts };
}

const shapes = new WeakMap<SortKey, KeyShape>();

/** What a cursor of this order must hold, for decoding it. */
export function keyShape(sort: SortKey): KeyShape {
  let shape = shapes.get(sort);
  if (!shape) {
    shape = { order: sort.order, values: sort.parts.map((p) => ({ type: p.type, nullable: p.nulls !== 'never' })) };
    shapes.set(sort, shape);
  }
  return shape;
}

/** A part as one direction of travel sees it: descending or not, and whether NULLs come at the end. */
function travel(part: KeyPart, backward: boolean): { descending: boolean; nullsAtEnd: boolean } {
  const descending = part.descending !== backward;
  const nullsAtEnd = part.nulls === 'last' ? !backward : descending;
  return { descending, nullsAtEnd };
}

const compared = (part: KeyPart, value: Sql): Sql => (part.nocase ? nocase(value) : value);

/** ORDER BY for the sort, or its exact reverse (to read a page backward from the end of a range). */
export function orderSql(sort: SortKey, backward = false): Sql {
  return join(
    sort.parts.map((part) => {
      const { descending, nullsAtEnd } = travel(part, backward);
      const nulls = part.nulls === 'never' ? sql`` : nullsAtEnd ? sql` NULLS LAST` : sql` NULLS FIRST`;
      return sql`${compared(part, part.column)} ${descending ? sql`DESC` : sql`ASC`}${nulls}`;
    }),
  );
}

/** The key columns of a row, selected as `"__k0"`, `"__k1"`, … for `readKey`. */
export function keyColumns(sort: SortKey): Sql {
  return join(sort.parts.map((part, i) => sql`${part.column} AS ${registryIdent(`__k${i}`)}`));
}

/** A row's key, from the columns `keyColumns` selected. */
export function readKey(sort: SortKey, row: Record<string, unknown>): KeyValue[] {
  return sort.parts.map((part, i) => {
    const value = row[`__k${i}`];
    if (value === null || value === undefined) return null;
    return part.type === 'string' ? String(value) : Number(value);
  });
}

/**
 * The condition that a row's key lies beyond `key` in the direction of travel: strictly, or at
 * the key itself too (`inclusive`). Written as `c1 >= v1 AND (c1 > v1 OR (rest))`, so the leading
 * column bounds an index range; NULLs are placed where ORDER BY puts them. Never negated: a
 * comparison with NULL is unknown, and each case names the NULL rows it keeps.
 */
function beyondSql(sort: SortKey, key: readonly KeyValue[], backward: boolean, inclusive: boolean): Sql {
  const step = (i: number): Sql => {
    const part = sort.parts[i];
    const value = key[i];
    const { descending, nullsAtEnd } = travel(part, backward);
    const last = i === sort.parts.length - 1;
    let strict: Sql;
    let weak: Sql;
    if (value === null) {
      // Only NULLs equal a NULL; the non-NULL values lie all before or all after.
      strict = nullsAtEnd ? sql`FALSE` : sql`${part.column} IS NOT NULL`;
      weak = nullsAtEnd ? sql`${part.column} IS NULL` : sql`TRUE`;
    } else {
      const column = compared(part, part.column);
      const bound = compared(part, sql`${value}`);
      const orNull = part.nulls !== 'never' && nullsAtEnd ? sql` OR ${part.column} IS NULL` : sql``;
      strict = sql`(${column} ${descending ? sql`<` : sql`>`} ${bound}${orNull})`;
      weak = sql`(${column} ${descending ? sql`<=` : sql`>=`} ${bound}${orNull})`;
    }
    if (last) return inclusive ? weak : strict;
    return sql`${weak} AND (${strict} OR ${step(i + 1)})`;
  };
  return sql`(${step(0)})`;
}

/** Rows strictly after the key, in the sort's order. */
export const afterKeySql = (sort: SortKey, key: readonly KeyValue[]): Sql => beyondSql(sort, key, false, false);
/** Rows strictly before the key. */
export const beforeKeySql = (sort: SortKey, key: readonly KeyValue[]): Sql => beyondSql(sort, key, true, false);
/** Rows at or after the key. */
export const atOrAfterKeySql = (sort: SortKey, key: readonly KeyValue[]): Sql => beyondSql(sort, key, false, true);
/** Rows at or before the key. */
export const atOrBeforeKeySql = (sort: SortKey, key: readonly KeyValue[]): Sql => beyondSql(sort, key, true, true);
