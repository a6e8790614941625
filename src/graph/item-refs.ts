import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { ErrorCode, UserInputError } from '../shared/errors';
import { isSlug, parseGlobalId } from '../shared/global-id';
import { itemRowsBySlugs } from './graph.store';
import { itemKey, type ItemType } from './item';

/** A skill or tool a caller named, resolved to its row. */
export interface ItemRef {
  type: ItemType;
  rowId: number;
  slug: string;
}

/** A list argument of skill and tool ids or slugs. */
export interface ItemArgument {
  argument: string;
  values: readonly string[];
}

/** What one value asks for: a slug of either type, or a global id of one type. */
interface Wanted {
  argument: string;
  value: string;
  slug: string;
  type: ItemType | null;
}

function parseValue(argument: string, value: string): Wanted {
  if (isSlug(value)) return { argument, value, slug: value, type: null };
  const decoded = parseGlobalId(value);
  if (!decoded) {
    throw new UserInputError(`\`${argument}\` takes skill and tool slugs (lowercase-kebab-case) or ids; "${value}" is neither.`, argument);
  }
  if (decoded.type !== 'Skill' && decoded.type !== 'Tool') {
    throw new UserInputError(`"${value}" is the id of a ${decoded.type}, but \`${argument}\` takes skill and tool ids or slugs.`, argument);
  }
  return { argument, value, slug: decoded.slug, type: decoded.type };
}

/**
 * Resolves skill and tool ids or slugs in one statement. An id names its own type. A slug is
 * looked up as a skill and as a tool whichever list it came in, because people do not know how
 * the atlas files "REST" or "Python": it names every skill and tool with that slug. Malformed
 * values are BAD_USER_INPUT; values that name nothing are one NOT_FOUND listing all of them
 * (`extensions.unknown`), so a client can fix its input in one go.
 */
export async function resolveItems(dataSource: DataSource, lists: readonly ItemArgument[]): Promise<ItemRef[]> {
  const wanted = lists.flatMap(({ argument, values }) => values.map((value) => parseValue(argument, value)));
  if (wanted.length === 0) return [];
  const slugsOf = (type: ItemType) => [...new Set(wanted.filter((w) => w.type === null || w.type === type).map((w) => w.slug))];
  const rows = await itemRowsBySlugs(dataSource, { Skill: slugsOf('Skill'), Tool: slugsOf('Tool') });
  const found = new Map<string, ItemRef>();
  const unknown: Wanted[] = [];
  for (const w of wanted) {
    const matches = rows.filter((row) => row.slug === w.slug && (w.type === null || row.type === w.type));
    if (matches.length === 0) unknown.push(w);
    for (const row of matches) found.set(itemKey(row.type, Number(row.id)), { type: row.type, rowId: Number(row.id), slug: row.slug });
  }
  if (unknown.length) {
    const values = [...new Set(unknown.map((w) => w.value))];
    throw new GraphQLError(
      `No skill or tool matches ${values.map((v) => `"${v}"`).join(', ')}. Check the slugs, or look them up with \`skills\` and \`tools\`.`,
      {
        extensions: { code: ErrorCode.NOT_FOUND, argument: unknown[0].argument, unknown: values },
      },
    );
  }
  return [...found.values()];
}
