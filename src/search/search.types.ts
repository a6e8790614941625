import { createUnionType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Category } from '../category/category.entity';
import { Responsibility } from '../responsibility/responsibility.entity';
import { Role } from '../role/role.entity';
import { PageInfo } from '../shared/connection';
import { Skill } from '../skill/skill.entity';
import { Tool } from '../tool/tool.entity';

/** The kinds of entity `search` looks through. */
export enum SearchableType {
  CATEGORY = 'CATEGORY',
  RESPONSIBILITY = 'RESPONSIBILITY',
  ROLE = 'ROLE',
  SKILL = 'SKILL',
  TOOL = 'TOOL',
}
registerEnumType(SearchableType, {
  name: 'SearchableType',
  description: 'A kind of entity that `search` looks through.',
  valuesConfig: {
    CATEGORY: { description: 'Categories: name and description.' },
    RESPONSIBILITY: { description: 'Responsibilities: name and description.' },
    ROLE: { description: 'Roles: name, aliases and summary.' },
    SKILL: { description: 'Skills: name, aliases and description.' },
    TOOL: { description: 'Tools: name, aliases and description.' },
  },
});

/** Anything a search can find. */
export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'Anything `search` can find: a role, responsibility, skill, tool or category.',
  types: () => [Category, Responsibility, Role, Skill, Tool] as const,
  resolveType: (value) => value.constructor.name,
});

/** A found entity with how well it matched. */
@ObjectType({ description: 'One search hit: the entity found, how well it matched, and the matched text.' })
export class SearchEdge {
  @Field({ description: 'Opaque position of this hit, for `after`/`before`.' })
  cursor: string;

  @Field(() => SearchResult, { description: 'The entity found.' })
  node: typeof SearchResult;

  @Field(() => Float, {
    description:
      'Relevance from 0 to 1, highest first: 1 when the name is the query, 0.9 when an alias is, 0.81–0.85 when the name starts with ' +
      'the words, 0.71–0.79 when they are all whole words of the name, 0.61–0.69 when they all start words of the name, 0.51–0.59 ' +
      'when they are all in the name or aliases, 0.1–0.45 otherwise (words found in the description or summary). Hits found through a ' +
      'typo correction score 0.8 times as much.',
  })
  score: number;

  @Field({
    description:
      'The matched text as plain text (not HTML), each match wrapped in « and »: the name when all the words are in it, the aliases ' +
      '(comma-separated) when they matched, otherwise an excerpt of the description or summary trimmed with …',
  })
  snippet: string;
}

/** The hits of a search, a page at a time. */
@ObjectType({ description: 'A page of search hits, best first (score, then name, type and id break ties).' })
export class SearchConnection {
  @Field(() => [SearchEdge], { description: 'The hits of this page, with their cursors, scores and snippets.' })
  edges: SearchEdge[];

  @Field(() => [SearchResult], { description: 'The entities of this page, without edge data: a shortcut for `edges { node }`.' })
  nodes: (typeof SearchResult)[];

  @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'How many entities match the query.' })
  totalCount: number;

  @Field(() => String, {
    nullable: true,
    description:
      'The query as searched after typo correction (e.g. "kubernetes" for "kubernetse"); null when every word was found as typed.',
  })
  correctedQuery: string | null;
}
