import { Arg, Ctx, Float, Query, Resolver } from 'type-graphql';
import type { Context, Loaders } from '../context';
import { NODE_TYPES, type SearchableKey } from '../model/node-types';
import { SearchableType, type SearchResult } from '../search/search.types';
import type { Extracted } from './extract.matcher';
import { extract, MAX_TEXT_LENGTH } from './extract.service';
import { ExtractedEntity, ExtractedMention } from './extract.types';

const RULES =
  "Names and aliases match with case, accents and punctuation ignored, across line breaks, in the singular or plural (-s, -es, -ies) and with a possessive 's; a name of two or more words ending in an -ing word also matches its base form (Unit testing: unit tests). " +
  'At each word the longest name wins (Spring Boot over Spring) and matches do not overlap. ' +
  'Names that are also ordinary words or letters (Go, C, R, Rust, Swift, Express, Spring, React, Make, …, and any one- or two-character name) count only when written ' +
  'as the name is (or in capitals) and with context: a technology word within two words (language, programming, developer, framework, code, …) or another technology within eight; ' +
  'they get confidence 0.6. A stop list of words that are names but mostly mean something else in prose (Organization, Servers, Deployment, Developer, …) never matches alone. ' +
  "A role's alias does not count where the form is another entity's name (Conduit benders is a tool); an alias several roles share counts (0.5 or more) only for the one with the fewest aliases, when it has at most 10 (O*NET's dozens of alternate titles are loose), 0.45 for the others. " +
  'A form shared by more than three entities of one type matches none of them, one shared by two or three gives each 0.7 times the confidence. ' +
  'Confidence: 0.95 for a name, 0.9 for an alias, plus 0.05 for a name of two or more words. ' +
  'Responsibilities are sentences, so they are found by passage (a sentence, line, bullet or clause of four words or more after a comma; at most 60 words), not by name: a passage describes one when it holds at least 60 % of the ' +
  'IDF-weighted content words of its text (lightly stemmed: designing, design and designer meet) and all of them but one (at most three needed); words of a role title do not count; ' +
  'at most two per passage; the mention is the passage, `matched` the responsibility as the atlas words it, confidence 0.5 at 60 % up to 0.9 at 100 %.';

/** The loader key of each searchable type. */
const KEY_OF = Object.fromEntries(
  (Object.keys(NODE_TYPES) as (keyof typeof NODE_TYPES)[])
    .filter((k): k is SearchableKey => NODE_TYPES[k].search !== null)
    .map((k) => [NODE_TYPES[k].search!.value, k]),
) as Record<SearchableType, SearchableKey>;

/** Turns extraction results into GraphQL objects whose nodes load through the request's loaders (one statement per type). */
export function toExtractedEntities(loaders: Loaders, extracted: readonly Extracted[]): ExtractedEntity[] {
  return extracted.map((e) =>
    Object.assign(new ExtractedEntity(), {
      type: e.type,
      slug: e.slug,
      confidence: e.confidence,
      mentions: e.mentions.map((m) => Object.assign(new ExtractedMention(), m)),
      loadNode: async () => {
        const node = await loaders[`${KEY_OF[e.type]}ById`].load(e.rowId);
        if (!node) throw new Error(`${e.type} ${e.rowId} vanished between extraction and loading`);
        return node as typeof SearchResult;
      },
    }),
  );
}

/** `extract`: the entities a text (a job posting, a CV) mentions. */
@Resolver()
export class ExtractResolver {
  @Query(() => [ExtractedEntity], {
    description:
      'The roles, skills, tools and responsibilities a text such as a job posting or a CV mentions, each with all its mentions (UTF-16 offsets, the text as written, the name or alias matched) ' +
      `and a confidence from 0 to 1, in the order of their first mention. ${RULES} At most ${MAX_TEXT_LENGTH} characters of text; longer text is BAD_USER_INPUT (reason TEXT_TOO_LONG).`,
  })
  async extract(
    @Arg('text', { description: `The text to read, at most ${MAX_TEXT_LENGTH} characters.` }) text: string,
    @Ctx() ctx: Context,
    @Arg('types', () => [SearchableType], {
      nullable: true,
      description: 'Only these kinds of entity; roles, skills, tools and responsibilities when omitted (categories only when asked for).',
    })
    types?: SearchableType[] | null,
    @Arg('minConfidence', () => Float, {
      nullable: true,
      description: 'Leave out entities below this confidence (0 to 1); all of them when omitted.',
    })
    minConfidence?: number | null,
  ): Promise<ExtractedEntity[]> {
    const extracted = await extract(ctx.writer, ctx.dataSource, { text, types, minConfidence });
    return toExtractedEntities(ctx.loaders, extracted);
  }
}
