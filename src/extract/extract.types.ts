import { Field, Float, Int, ObjectType } from 'type-graphql';
import { SearchableType, SearchResult } from '../search/search.types';

@ObjectType({ description: 'One place a text mentions an entity.' })
export class ExtractedMention {
  @Field(() => Int, {
    description: 'Where the mention starts: an offset into the text in UTF-16 code units (as JavaScript strings count), from 0.',
  })
  start: number;

  @Field(() => Int, {
    description: 'Where the mention ends, exclusive, in UTF-16 code units: `text.slice(start, end)` in JavaScript is the mention.',
  })
  end: number;

  @Field({ description: 'The mention as written in the text (its case, accents and punctuation kept).' })
  text: string;

  @Field({
    description:
      'The name or alias of the entity that matched, as the atlas spells it; for a responsibility, its text (the mention is then the passage that describes it).',
  })
  matched: string;

  @Field({ description: 'Whether `matched` is one of the aliases rather than the name.' })
  viaAlias: boolean;

  @Field(() => Float, { description: 'How likely this mention means the entity, from 0 to 1 (rules in `Query.extract`).' })
  confidence: number;
}

@ObjectType({ description: 'An entity a text mentions, with all its mentions grouped under it.' })
export class ExtractedEntity {
  @Field(() => SearchableType, { description: 'The kind of entity.' })
  type: SearchableType;

  @Field({ description: 'The slug of the entity (the same as `node.slug`).' })
  slug: string;

  @Field(() => Float, {
    description: 'How likely the text means this entity, from 0 to 1: its best mention, plus 0.02 for each further mention, at most 1.',
  })
  confidence: number;

  @Field(() => [ExtractedMention], { description: 'Every mention, in the order of the text.' })
  mentions: ExtractedMention[];

  /** Set by the resolver: loads the entity through the request's loaders. */
  loadNode: () => Promise<typeof SearchResult>;

  @Field(() => SearchResult, { description: 'The entity mentioned.' })
  node(): Promise<typeof SearchResult> {
    return this.loadNode();
  }
}
