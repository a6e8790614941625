import { Arg, Ctx, Mutation, Resolver, type ClassType } from 'type-graphql';
import { requireScope } from '../auth/auth';
import type { Context } from '../context';
import type { ExportRecord } from '../dataset/dataset.export';
import { referenceFields } from '../dataset/dataset.mapping';
import { slugify } from '../import/slug';
import { NODE_TYPES, type NodeKey } from '../model/node-types';
import { parseGlobalId, toGlobalId } from '../shared/global-id';
import { keyAuthor } from './change.service';
import { ancestors, countCitationsOf, keysCiting } from './curation.store';
import { curate, type Curation } from './curation.write';
import {
  AliasesInput,
  CreateCategoryInput,
  CreateResponsibilityInput,
  CreateRoleInput,
  CreateSkillInput,
  CreateSourceInput,
  CreateToolInput,
  DeleteInput,
  UpdateCategoryInput,
  UpdateResponsibilityInput,
  UpdateRoleInput,
  UpdateSkillInput,
  UpdateSourceInput,
  UpdateToolInput,
} from './entity.inputs';
import { DeletePayload, entityPayload, inputErrors, NodePayload } from './payloads';
import { UserErrorCode } from './user-error';

/*
 * create<Type>, update<Type> and delete<Type> for every node type, made by one factory from the
 * model registry (the inputs differ by type and are written out in entity.inputs.ts), plus
 * addAliases and removeAliases. Every write goes through `curate` (src/curation/curation.write.ts).
 */

/** Input fields that are not record fields. */
const CONTROL_FIELDS = new Set(['slug', 'sources', 'expectedRevision']);
/** The node types whose records carry aliases. */
const ALIASED: readonly NodeKey[] = ['role', 'skill', 'tool'];

/** What the write cites: the sources named in the input, else the API key's own. */
function citing(ctx: Context, sources: string[] | undefined): string[] {
  return sources?.length ? sources : [ctx.caller.principal!.sourceSlug];
}

/** The input's record fields that were given (null included: it clears). */
function givenFields(input: object): [string, unknown][] {
  return Object.entries(input).filter(([field, value]) => !CONTROL_FIELDS.has(field) && value !== undefined);
}

/** Checks that the references and sources of an input name existing rows, and that a hierarchy stays a tree. */
async function checkReferences(write: Curation, key: NodeKey, input: Record<string, unknown>, self?: number): Promise<void> {
  for (const ref of referenceFields(key)) {
    const slug = input[ref.field];
    if (typeof slug !== 'string') continue;
    const target = await write.findOne(ref.target, slug, [ref.field]);
    if (!target || self === undefined || ref.target !== key) continue;
    const column = ref.column as 'parentId' | 'broaderId';
    if (target.id === self || (await ancestors(write.manager, key as 'role' | 'category', column, target.id)).includes(self)) {
      write.fail(
        [ref.field],
        `"${slug}" is "${input.slug}" itself or sits under it: the ${ref.field} would make a cycle.`,
        UserErrorCode.INVALID,
      );
    }
  }
  if (Array.isArray(input.sources)) await write.find('source', input.sources as string[], ['sources']);
}

/** `[…new, …old]` without repeats, sorted as an export sorts sources. */
const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();

/** The three mutations of one node type. */
function entityMutations(key: NodeKey, Create: ClassType, Update: ClassType): ClassType {
  const { graphqlType: type, datasetList: list, cited, nameColumn } = NODE_TYPES[key];
  const Payload = entityPayload(key);
  const noun = type.toLowerCase();
  // Inputs are validated inside the mutation, so that failures are userErrors with their paths.
  const skip = { validateFn: () => undefined, description: 'What to write.' };

  @Resolver()
  class EntityMutations {
    @Mutation(() => Payload, {
      name: `create${type}`,
      description: `Creates a ${noun}${cited ? ", cited by the given sources (by default your API key's source)" : ''}. Its slug never changes.`,
    })
    async create(@Arg('input', () => Create, skip) input: Record<string, unknown>, @Ctx() ctx: Context) {
      requireScope(ctx.caller, 'write', `create${type}`);
      const outcome = await curate(ctx.writer, keyAuthor(ctx.caller.principal!), `create${type}`, async (write) => {
        write.errors.push(...(await inputErrors(input)));
        if (write.errors.length) return null;
        const slug = (input.slug as string | undefined) ?? slugify(String(input[nameColumn]));
        if (!slug)
          write.fail([nameColumn], `A slug cannot be made from "${input[nameColumn]}"; give one as \`slug\`.`, UserErrorCode.INVALID);
        else if (await write.exists(key, slug))
          write.fail(['slug'], `The slug "${slug}" is taken by another ${noun}; give another \`slug\`.`, UserErrorCode.TAKEN);
        const sources = cited ? citing(ctx, input.sources as string[] | undefined) : undefined;
        await checkReferences(write, key, { ...input, slug, sources });
        if (write.errors.length) return null;
        const record = { slug, ...Object.fromEntries(givenFields(input).filter(([, v]) => v !== null)), ...(sources ? { sources } : {}) };
        await write.write({ [list]: [record] });
        await write.created(key, [slug]);
        return slug;
      });
      return { [key]: outcome.value ? await ctx.loaders[`${key}BySlug`].load(outcome.value) : null, userErrors: outcome.userErrors };
    }

    @Mutation(() => Payload, {
      name: `update${type}`,
      description: `Changes a ${noun}'s own fields; fields left out keep their values. The slug never changes${ALIASED.includes(key) ? ', and a new name adds the old one to the aliases' : ''}.`,
    })
    async update(@Arg('input', () => Update, skip) input: Record<string, unknown>, @Ctx() ctx: Context) {
      requireScope(ctx.caller, 'write', `update${type}`);
      const slug = input.slug as string;
      const outcome = await curate(ctx.writer, keyAuthor(ctx.caller.principal!), `update${type}`, async (write) => {
        write.errors.push(...(await inputErrors(input)));
        if (write.errors.length) return null;
        const ref = await write.findOne(key, slug, ['slug']);
        if (!ref) return null;
        write.checkRevision(ref, input.expectedRevision as number | undefined);
        const sources = cited ? citing(ctx, input.sources as string[] | undefined) : undefined;
        await checkReferences(write, key, { ...input, sources }, ref.id);
        if (write.errors.length) return null;
        const record = (await write.touch(list, [ref.id])).get(ref.id)!;
        const next: ExportRecord = { ...record };
        for (const [field, value] of givenFields(input)) {
          if (value === null) delete next[field];
          else next[field] = value;
        }
        if (sources) next.sources = union(record.sources as string[], sources);
        const oldName = record[nameColumn] as string;
        if (ALIASED.includes(key) && input[nameColumn] && input[nameColumn] !== oldName) {
          const aliases = ((next.aliases as string[] | undefined) ?? []).filter(
            (a) => a.toLowerCase() !== String(input[nameColumn]).toLowerCase(),
          );
          next.aliases = aliases.some((a) => a.toLowerCase() === oldName.toLowerCase()) ? aliases : [...aliases, oldName];
        }
        await write.write({ [list]: [next] });
        return slug;
      });
      return { [key]: outcome.value ? await ctx.loaders[`${key}BySlug`].load(outcome.value) : null, userErrors: outcome.userErrors };
    }

    @Mutation(() => DeletePayload, {
      name: `delete${type}`,
      description:
        key === 'source'
          ? 'Deletes a source that nothing cites (else IN_USE: the facts it supports would lose their provenance).'
          : `Deletes a ${noun} with its links (their count is \`removedLinks\`); references to it from other entities are set to none.`,
    })
    async delete(@Arg('input', () => DeleteInput, skip) input: DeleteInput, @Ctx() ctx: Context): Promise<DeletePayload> {
      requireScope(ctx.caller, 'write', `delete${type}`);
      const outcome = await curate(ctx.writer, keyAuthor(ctx.caller.principal!), `delete${type}`, async (write) => {
        write.errors.push(...(await inputErrors(input)));
        if (write.errors.length) return 0;
        const ref = await write.findOne(key, input.slug, ['slug']);
        if (!ref) return 0;
        write.checkRevision(ref, input.expectedRevision);
        if (key === 'source') {
          const citations = await countCitationsOf(write.manager, ref.id);
          const keys = await keysCiting(write.manager, ref.id);
          if (citations > 0)
            write.fail(
              ['slug'],
              `"${ref.slug}" is cited ${citations} times; it cannot be deleted while facts rest on it.`,
              UserErrorCode.IN_USE,
            );
          else if (keys > 0)
            write.fail(
              ['slug'],
              `"${ref.slug}" is the source of ${keys} API key(s); it cannot be deleted while they cite it.`,
              UserErrorCode.IN_USE,
            );
        }
        if (write.errors.length) return 0;
        return write.remove(key, [ref.id]);
      });
      const done = outcome.userErrors.length === 0;
      return { deletedId: done ? toGlobalId(type, input.slug) : null, removedLinks: outcome.value ?? 0, userErrors: outcome.userErrors };
    }
  }
  Object.defineProperty(EntityMutations, 'name', { value: `${type}Mutations` });
  return EntityMutations;
}

export const SourceMutations = entityMutations('source', CreateSourceInput, UpdateSourceInput);
export const CategoryMutations = entityMutations('category', CreateCategoryInput, UpdateCategoryInput);
export const SkillMutations = entityMutations('skill', CreateSkillInput, UpdateSkillInput);
export const ToolMutations = entityMutations('tool', CreateToolInput, UpdateToolInput);
export const ResponsibilityMutations = entityMutations('responsibility', CreateResponsibilityInput, UpdateResponsibilityInput);
export const RoleMutations = entityMutations('role', CreateRoleInput, UpdateRoleInput);

/** addAliases and removeAliases, for every node type with aliases. */
@Resolver()
export class AliasMutations {
  @Mutation(() => NodePayload, { description: 'Adds other names to a role, skill or tool (names it has already are left as they are).' })
  addAliases(
    @Arg('input', () => AliasesInput, { validateFn: () => undefined, description: 'The entity and the names.' }) input: AliasesInput,
    @Ctx() ctx: Context,
  ) {
    return changeAliases(ctx, input, 'addAliases', (aliases, names) =>
      names.reduce((all, name) => (all.some((a) => a.toLowerCase() === name.toLowerCase()) ? all : [...all, name]), aliases),
    );
  }

  @Mutation(() => NodePayload, { description: 'Removes other names from a role, skill or tool (compared case-insensitively).' })
  removeAliases(
    @Arg('input', () => AliasesInput, { validateFn: () => undefined, description: 'The entity and the names.' }) input: AliasesInput,
    @Ctx() ctx: Context,
  ) {
    return changeAliases(ctx, input, 'removeAliases', (aliases, names) =>
      aliases.filter((a) => !names.some((n) => n.toLowerCase() === a.toLowerCase())),
    );
  }
}

async function changeAliases(
  ctx: Context,
  input: AliasesInput,
  operation: string,
  change: (aliases: string[], names: string[]) => string[],
): Promise<NodePayload> {
  requireScope(ctx.caller, 'write', operation);
  const decoded = parseGlobalId(input.id);
  const key = decoded && (Object.keys(NODE_TYPES) as NodeKey[]).find((k) => NODE_TYPES[k].graphqlType === decoded.type);
  const outcome = await curate(ctx.writer, keyAuthor(ctx.caller.principal!), operation, async (write) => {
    write.errors.push(...(await inputErrors(input)));
    if (!key || !ALIASED.includes(key)) {
      write.fail(['id'], `"${input.id}" is not the id of a role, skill or tool (only they have aliases).`, UserErrorCode.INVALID);
    }
    if (write.errors.length || !key || !decoded) return null;
    const ref = await write.findOne(key, decoded.slug, ['id']);
    if (!ref) return null;
    write.checkRevision(ref, input.expectedRevision);
    if (write.errors.length) return null;
    const list = NODE_TYPES[key].datasetList;
    const record = (await write.touch(list, [ref.id])).get(ref.id)!;
    const aliases = change((record.aliases as string[] | undefined) ?? [], input.aliases);
    await write.write({ [list]: [{ ...record, aliases, sources: union(record.sources as string[], [ctx.caller.principal!.sourceSlug]) }] });
    return { key, slug: ref.slug };
  });
  const node = outcome.value ? await ctx.loaders[`${outcome.value.key}BySlug`].load(outcome.value.slug) : null;
  return { node: node as NodePayload['node'], userErrors: outcome.userErrors };
}
