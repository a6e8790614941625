import { ArrayNotEmpty, IsOptional } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ConnectionArgs } from '../shared/connection-args';
import { MAX_WORDS } from './search.text';
import { SearchableType } from './search.types';

/** Arguments of `search`. */
@ArgsType()
export class SearchArgs extends ConnectionArgs {
  @Field({
    description:
      `Words to look for, as a person types them: case, accents and punctuation do not matter, the last letters of a word may be ` +
      `missing (kube), and a word with a typo (kubernetse) is corrected when the words as typed find nothing. Every word must match. Only the first ${MAX_WORDS} words count. ` +
      `Text with no letter or digit finds nothing (an empty connection); an empty or blank query is refused.`,
  })
  declare query: string;

  @Field(() => [SearchableType], { nullable: true, description: 'Only these kinds of entity; all of them when omitted.' })
  @IsOptional()
  @ArrayNotEmpty({ message: '`types` must name at least one type; omit it to search every type.' })
  declare types?: SearchableType[];
}
