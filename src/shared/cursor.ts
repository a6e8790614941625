import { UserInputError } from './errors';

/**
 * Cursors are opaque to clients (base64url text). There are two kinds inside.
 *
 * Key cursors (`cursor:v2:<order>:<key>`) serve every list of entities: the top-level lists and
 * the relations under a node. A key cursor holds the sort key of its row (the orderBy columns'
 * values, then the row id) and the order it was made in, so `after` means "rows whose key comes
 * after this one": a row inserted or removed before the cursor between two page requests moves
 * nothing, and the next page neither skips nor repeats a row. A key cursor used with another
 * order is refused (its rows would be compared in an order they were not read in).
 *
 * Position cursors (`cursor:v1:<n>`, the 1-based position in the list) serve the ranked lists:
 * search, matchRoles and relatedRoles. Their order is a score computed per
 * request over the whole result, so the result is read whole anyway and a position is exact for
 * the result it came from. Position cursors were also what every list used before key cursors; a
 * list paged by key refuses one with a message to start again from the first page, rather than
 * guess at an offset that may no longer mean the same rows.
 */

const POSITION = /^cursor:v1:([1-9][0-9]{0,9})$/;
const KEY = /^cursor:v2:([A-Z_]+:(?:ASC|DESC)):(\[.*\])$/s;

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const decode = (cursor: string) => (/^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '');

const invalid = (cursor: string, argument: string) =>
  new UserInputError(
    `\`${argument}\` is not a valid cursor: "${cursor}". Use a cursor from \`edges.cursor\` or \`pageInfo\` of the same connection.`,
    argument,
  );

/** The cursor of the item at a 1-based position of a ranked list. */
export function encodePositionCursor(position: number): string {
  return encode(`cursor:v1:${position}`);
}

/** The position a ranked list's cursor names. */
export function decodePositionCursor(cursor: string, argument: string): number {
  const match = POSITION.exec(decode(cursor));
  if (!match) throw invalid(cursor, argument);
  return Number(match[1]);
}

/** One column's value in a sort key. */
export type KeyValue = string | number | null;

/** What a key cursor of one order holds: the order's name and each value's type. */
export interface KeyShape {
  order: string;
  values: readonly { type: 'string' | 'number' | 'integer'; nullable: boolean }[];
}

/** The cursor of a row of a list sorted by `order`, from the row's sort key. */
export function encodeKeyCursor(order: string, key: readonly KeyValue[]): string {
  return encode(`cursor:v2:${order}:${JSON.stringify(key)}`);
}

/** The sort key a list's cursor holds, checked against the order the list is read in. */
export function decodeKeyCursor(cursor: string, argument: string, shape: KeyShape): KeyValue[] {
  const text = decode(cursor);
  if (POSITION.test(text)) {
    throw new UserInputError(
      `\`${argument}\` is a position cursor, from a ranked list or from this list before it paged by sort key. ` +
        `This list pages by sort key, so that rows added between two requests are neither skipped nor repeated. ` +
        `Start again from the first page (leave out \`${argument}\`) and follow the cursors it returns.`,
      argument,
    );
  }
  const match = KEY.exec(text);
  if (!match) throw invalid(cursor, argument);
  const [, order, json] = match;
  if (order !== shape.order) {
    throw new UserInputError(
      `\`${argument}\` comes from this list sorted by ${order.replace(':', ' ')}, but this request sorts by ${shape.order.replace(':', ' ')}. ` +
        `Pass the orderBy of the request that returned the cursor, or start again from the first page.`,
      argument,
    );
  }
  let key: unknown;
  try {
    key = JSON.parse(json);
  } catch {
    throw invalid(cursor, argument);
  }
  if (!Array.isArray(key) || key.length !== shape.values.length || !key.every((value, i) => fits(value, shape.values[i]))) {
    throw invalid(cursor, argument);
  }
  return key as KeyValue[];
}

function fits(value: unknown, spec: KeyShape['values'][number]): boolean {
  if (value === null) return spec.nullable;
  switch (spec.type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isSafeInteger(value);
  }
}
