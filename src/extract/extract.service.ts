import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { dataVersionClock } from '../cache/data-version';
import type { ItemRef } from '../graph/item-refs';
import { SearchableType } from '../search/search.types';
import { ErrorCode, UserInputError } from '../shared/errors';
import { CompiledMatcher, DEFAULT_TYPES, type Extracted } from './extract.matcher';
import { namedEntityRows } from './extract.store';

/**
 * Most characters of text one request may analyse: a 5,000-word posting is about 35,000. The
 * matcher is linear in the text, so this bounds the work (and the answer) of one field.
 */
export const MAX_TEXT_LENGTH = 60_000;

/** Confidence below which `matchRoles(text:)` and `skillGap(text:)` leave an extracted item out. */
export const ITEM_MIN_CONFIDENCE = 0.5;

/** What to extract from a text. */
export interface ExtractRequest {
  text: string;
  types?: readonly SearchableType[] | null;
  minConfidence?: number | null;
  /** The argument the text came in, for error messages. */
  argument?: string;
}

interface CachedMatcher {
  epoch: number;
  matcher: Promise<CompiledMatcher>;
}

const matchers = new WeakMap<DataSource, CachedMatcher>();

/**
 * The matcher of the database's current data version: compiled from every name and alias on first
 * use (one statement), kept until the data version changes (src/cache/data-version.ts: a commit
 * in this process, or a poll that sees another process's), then compiled again. Keyed by the
 * writer, so the connections of a read pool share one; concurrent requests share one compilation.
 */
export async function matcherFor(writer: DataSource, reader: DataSource = writer): Promise<CompiledMatcher> {
  const epoch = await dataVersionClock(writer).epoch();
  const cached = matchers.get(writer);
  if (cached && cached.epoch === epoch) return cached.matcher;
  const matcher = namedEntityRows(reader).then(
    (rows) =>
      new CompiledMatcher(
        rows.map((row) => ({
          type: row.type,
          rowId: Number(row.id),
          slug: row.slug,
          name: row.name,
          aliases: JSON.parse(row.aliases) as string[],
        })),
      ),
  );
  matchers.set(writer, { epoch, matcher });
  matcher.catch(() => {
    if (matchers.get(writer)?.matcher === matcher) matchers.delete(writer);
  });
  return matcher;
}

/** Refuses text the API will not analyse: too long. */
export function checkText(text: string, argument = 'text'): void {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new GraphQLError(
      `\`${argument}\` is ${text.length.toLocaleString('en')} characters long; at most ${MAX_TEXT_LENGTH.toLocaleString('en')} are analysed. ` +
        'Send one posting or CV at a time, or cut it down.',
      { extensions: { code: ErrorCode.BAD_USER_INPUT, argument, reason: 'TEXT_TOO_LONG', maxLength: MAX_TEXT_LENGTH } },
    );
  }
}

/** The roles, skills, tools and responsibilities (or the asked types) a text mentions. */
export async function extract(writer: DataSource, reader: DataSource, request: ExtractRequest): Promise<Extracted[]> {
  checkText(request.text, request.argument);
  if (request.types && request.types.length === 0) {
    throw new UserInputError('`types` must name at least one type; omit it for roles, skills, tools and responsibilities.', 'types');
  }
  const min = request.minConfidence ?? 0;
  if (!(min >= 0 && min <= 1)) throw new UserInputError('`minConfidence` must be between 0 and 1.', 'minConfidence');
  const matcher = await matcherFor(writer, reader);
  return matcher.extract(request.text, request.types ?? DEFAULT_TYPES, min);
}

/** The skills and tools a text mentions with at least ITEM_MIN_CONFIDENCE, as the item refs matching and gaps take. */
export async function extractItems(
  writer: DataSource,
  reader: DataSource,
  text: string,
  argument: string,
): Promise<{ extracted: Extracted[]; items: ItemRef[] }> {
  const extracted = await extract(writer, reader, {
    text,
    argument,
    types: [SearchableType.SKILL, SearchableType.TOOL],
    minConfidence: ITEM_MIN_CONFIDENCE,
  });
  const items = extracted.map((e): ItemRef => ({ type: e.type === SearchableType.SKILL ? 'Skill' : 'Tool', rowId: e.rowId, slug: e.slug }));
  return { extracted, items };
}
