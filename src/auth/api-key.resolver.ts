import { IsIn, IsInt, IsOptional, Length, Matches, Min } from 'class-validator';
import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { keyAuthor } from '../curation/change.service';
import { inputErrors } from '../curation/payloads';
import { UserError, UserErrorCode } from '../curation/user-error';
import { SLUG_PATTERN } from '../shared/global-id';
import { revoke, SCOPES, type Scope } from './api-key.service';
import { requireScope } from './auth';
import { issueApiKey, UnknownSourceError } from './issue-key';

/*
 * Managing keys through the API, for keys with the `admin` scope: create and revoke. Listing keys
 * is left to `npm run apikey -- list`, on purpose: the response cache shares query answers between
 * callers, so no query may answer differently for an administrator.
 */

@InputType({ description: 'A new API key.' })
class CreateApiKeyInput {
  @Field({ description: 'Who it is for ("career site").' })
  @Length(1, 200)
  name: string;

  @Field({ description: `Its scope: ${SCOPES.join(', ')} (each includes the ones before it).` })
  @IsIn([...SCOPES])
  scope: string;

  @Field(() => String, { nullable: true, description: 'Slug of the source its writes cite; by default a new source titled by its name.' })
  @IsOptional()
  @Matches(SLUG_PATTERN)
  source?: string | null;
}

@InputType({ description: 'The key to revoke.' })
class RevokeApiKeyInput {
  @Field(() => Int, { description: 'Its id (`npm run apikey -- list`, or `createApiKey`).' })
  @IsInt()
  @Min(1)
  id: number;
}

@ObjectType({ description: 'What createApiKey did.' })
class CreateApiKeyPayload {
  @Field(() => String, { nullable: true, description: 'The key itself: shown this once, stored only as a hash. Null when refused.' })
  key: string | null;

  @Field(() => Int, { nullable: true, description: 'Its id, for revoking it.' })
  id: number | null;

  @Field(() => String, { nullable: true, description: 'The slug of the source its writes cite.' })
  source: string | null;

  @Field(() => [UserError], { description: 'What was wrong with the input.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'What revokeApiKey did.' })
class RevokeApiKeyPayload {
  @Field(() => Int, { nullable: true, description: 'The id of the key revoked; null when refused.' })
  id: number | null;

  @Field(() => [UserError], { description: 'What was wrong with the input.' })
  userErrors: UserError[];
}

const invalid = (field: string, message: string, code = UserErrorCode.INVALID): UserError => ({ field: ['input', field], message, code });

@Resolver()
export class ApiKeyMutations {
  @Mutation(() => CreateApiKeyPayload, { description: 'Creates an API key (needs the `admin` scope). The key is in the payload, once.' })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'The key to create.', validateFn: () => undefined }) input: CreateApiKeyInput,
    @Ctx() ctx: Context,
  ) {
    requireScope(ctx.caller, 'admin', 'createApiKey');
    const userErrors = await inputErrors(input);
    if (userErrors.length) return { key: null, id: null, source: null, userErrors };
    try {
      const issued = await issueApiKey(ctx.writer, {
        name: input.name,
        scope: input.scope as Scope,
        sourceSlug: input.source ?? undefined,
        author: keyAuthor(ctx.caller.principal!),
        operation: 'createApiKey',
      });
      return { key: issued.key, id: issued.id, source: issued.sourceSlug, userErrors: [] };
    } catch (error) {
      if (!(error instanceof UnknownSourceError)) throw error;
      return { key: null, id: null, source: null, userErrors: [invalid('source', (error as Error).message, UserErrorCode.NOT_FOUND)] };
    }
  }

  @Mutation(() => RevokeApiKeyPayload, {
    description: 'Revokes an API key (needs the `admin` scope): requests sending it are refused from now on.',
  })
  async revokeApiKey(
    @Arg('input', () => RevokeApiKeyInput, { description: 'The key to revoke.', validateFn: () => undefined }) input: RevokeApiKeyInput,
    @Ctx() ctx: Context,
  ) {
    requireScope(ctx.caller, 'admin', 'revokeApiKey');
    const userErrors = await inputErrors(input);
    if (userErrors.length) return { id: null, userErrors };
    if (await revoke(ctx.writer, input.id)) return { id: input.id, userErrors: [] };
    return { id: null, userErrors: [invalid('id', `No valid API key has the id ${input.id}.`, UserErrorCode.NOT_FOUND)] };
  }
}
