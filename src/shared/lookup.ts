import type DataLoader from 'dataloader';
import { ArgsType, Field, ID } from 'type-graphql';
import { UserInputError } from './errors';
import { expectGlobalId, type NodeType } from './global-id';

/** `id` or `slug`, exactly one: the arguments of every single-entity lookup. */
@ArgsType()
export class LookupArgs {
  @Field(() => ID, { nullable: true, description: 'Global id, as returned in `id`.' })
  declare id?: string;

  @Field(() => String, { nullable: true, description: 'Stable slug, e.g. "backend-developer" for a role or "postgresql" for a tool.' })
  declare slug?: string;
}

/** Resolves a lookup by id or slug; null when nothing matches. */
export async function lookup<T>(args: LookupArgs, type: NodeType, bySlug: DataLoader<string, T | null>): Promise<T | null> {
  const hasId = args.id !== undefined && args.id !== null;
  const hasSlug = args.slug !== undefined && args.slug !== null;
  if (hasId && hasSlug) throw new UserInputError(`Pass either \`id\` or \`slug\` to look up a ${type}, not both.`, 'slug');
  if (!hasId && !hasSlug) throw new UserInputError(`Pass \`id\` or \`slug\` to look up a ${type}.`, 'id');
  const slug = hasId ? expectGlobalId(args.id!, type) : args.slug!;
  return bySlug.load(slug);
}
