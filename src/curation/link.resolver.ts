import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Arg, Ctx, Field, Float, InputType, Int, Mutation, ObjectType, Resolver, type ClassType } from 'type-graphql';
import { requireScope } from '../auth/auth';
import type { Context } from '../context';
import { NODE_ENTITIES } from '../model/entities';
import { NODE_TYPES } from '../model/node-types';
import { deleteRetraction, insertRetraction } from '../import/import.store';
import { linkRelationKeys, RELATIONS, type AttributeSpec, type LinkRelationKey, type LinkTable } from '../model/relations';
import { Importance } from '../shared/enums';
import { SLUG_PATTERN } from '../shared/global-id';
import { keyAuthor } from './change.service';
import { curate } from './curation.write';
import { inputErrors } from './payloads';
import { UserError, UserErrorCode } from './user-error';

/*
 * link<Relation> and unlink<Relation> for every link relation of the model registry
 * (src/model/relations.ts), with their inputs and payloads, all derived from its declaration: the
 * two ends, named after their columns (`roleId` → `role`, `otherRoleId` → `otherRole`), and the
 * edge attributes with their kinds. Adding a relation to the registry adds its two mutations.
 *
 * A link is written as the record that owns it in the dataset format (the `from` end's record,
 * with that relation's list changed by one item) through the import engine, like any import.
 * `link` on a pair that is linked already changes the attributes given and adds the sources.
 */

type Input = Record<string, unknown>;

const pascal = (key: string) => key[0].toUpperCase() + key.slice(1);
const endName = (column: string) => column.replace(/Id$/, '');

/** The GraphQL type, description and checks of one attribute of a relation's edges. */
function attributeField(a: AttributeSpec): { type: () => unknown; validators: PropertyDecorator[] } {
  switch (a.kind) {
    case 'importance':
      return { type: () => Importance, validators: [IsIn(Object.values(Importance))] };
    case 'real':
      return { type: () => Float, validators: [IsNumber({ allowNaN: false, allowInfinity: false }), Min(0), Max(1000)] };
    case 'flag':
      return { type: () => Boolean, validators: [IsBoolean()] };
    case 'integer':
      return { type: () => Int, validators: [IsInt(), Min(0)] };
    case 'text':
      return { type: () => String, validators: [Length(1, 100)] };
  }
}

/** A class with fields declared at run time, decorated as a GraphQL type. */
function declare(
  name: string,
  decorate: (target: ClassType) => void,
  fields: Record<string, { type: () => unknown; nullable: boolean; description: string; validators?: PropertyDecorator[] }>,
): ClassType {
  const target = { [name]: class {} }[name] as ClassType;
  for (const [field, spec] of Object.entries(fields)) {
    Field(spec.type as () => never, { nullable: spec.nullable, description: spec.description })(target.prototype, field);
    if (spec.nullable) IsOptional()(target.prototype, field);
    for (const validator of spec.validators ?? []) validator(target.prototype, field);
  }
  decorate(target);
  return target;
}

const slugField = (description: string) => ({
  type: () => String,
  nullable: false,
  description,
  validators: [Matches(SLUG_PATTERN, { message: '$property must be a lowercase-kebab-case slug' })],
});

@Resolver()
export class LinkMutations {}

for (const relation of linkRelationKeys) declareLinkMutations(relation);

function declareLinkMutations(relation: LinkRelationKey): void {
  const spec = RELATIONS[relation];
  const name = pascal(relation);
  const [fromName, toName] = [endName(spec.from.column), endName(spec.to.column)];
  const [fromType, toType] = [NODE_TYPES[spec.from.type].graphqlType, NODE_TYPES[spec.to.type].graphqlType];
  const ends = {
    [fromName]: slugField(`Slug of the ${fromType.toLowerCase()}.`),
    [toName]: slugField(`Slug of the ${toType.toLowerCase()}${fromType === toType ? ' on the other end' : ''}.`),
  };
  const attributes = Object.fromEntries(
    spec.attributes.map((a) => [
      a.column,
      {
        ...attributeField(a),
        nullable: true,
        description: `The edge's \`${a.column}\`${a.nullable ? '' : ' (required for a new link)'}; left out, a link that exists keeps its value.`,
      },
    ]),
  );
  const LinkInput = declare(
    `Link${name}Input`,
    (c) =>
      InputType(`Link${name}Input`, { description: `Links a ${fromType.toLowerCase()} and a ${toType.toLowerCase()} (${relation}).` })(c),
    {
      ...ends,
      ...attributes,
      sources: {
        type: () => [String],
        nullable: true,
        description: 'Slugs of the sources that support the link, added to its sources; by default the source of your API key.',
        validators: [Matches(SLUG_PATTERN, { each: true, message: 'each of $property must be a source slug' })],
      },
    },
  );
  const UnlinkInput = declare(
    `Unlink${name}Input`,
    (c) => InputType(`Unlink${name}Input`, { description: `Removes the ${relation} link between two entities.` })(c),
    ends,
  );
  const Payload = declare(
    `${name}LinkPayload`,
    (c) => ObjectType(`${name}LinkPayload`, { description: `What a link${name} or unlink${name} did.` })(c),
    {
      [fromName]: {
        type: () => NODE_ENTITIES[spec.from.type],
        nullable: true,
        description: `The ${fromType.toLowerCase()}; null when the mutation was refused.`,
      },
      [toName]: {
        type: () => NODE_ENTITIES[spec.to.type],
        nullable: true,
        description: `The ${toType.toLowerCase()}; null when the mutation was refused.`,
      },
      userErrors: {
        type: () => [UserError],
        nullable: false,
        description: 'What was wrong with the input; empty when the mutation succeeded.',
      },
    },
  );

  const fromList = NODE_TYPES[spec.from.type].datasetList;
  const { field, key } = spec.dataset as { field: string; key: string };
  const symmetric = spec.storage.kind === 'symmetric';

  /** Reads both ends; changes the owner's list with `change` (which may report problems) and writes it. */
  const write = (
    ctx: Context,
    input: Input,
    operation: string,
    change: (links: Input[], existing: Input | undefined, fail: (f: string, m: string, c: UserErrorCode) => void) => Input[] | null,
  ) =>
    curate(ctx.writer, keyAuthor(ctx.caller.principal!), operation, async (w) => {
      w.errors.push(...(await inputErrors(input)));
      if (w.errors.length) return null;
      const from = await w.findOne(spec.from.type, input[fromName] as string, [fromName]);
      const to = await w.findOne(spec.to.type, input[toName] as string, [toName]);
      if (Array.isArray(input.sources)) await w.find('source', input.sources as string[], ['sources']);
      if (!from || !to || w.errors.length) return null;
      if (spec.from.type === spec.to.type && from.id === to.id) {
        w.fail([toName], `A ${fromType.toLowerCase()} cannot be linked to itself.`, UserErrorCode.INVALID);
        return null;
      }
      const record = (await w.touch(fromList, [from.id])).get(from.id)!;
      if (symmetric) await w.touch(NODE_TYPES[spec.to.type].datasetList, [to.id]);
      const links = (record[field] as Input[] | undefined) ?? [];
      const existing = links.find((l) => l[key] === to.slug);
      const next = change(links, existing, (f, m, c) => w.fail([f], m, c));
      if (!next) return null;
      await w.write({ [fromList]: [{ ...record, [field]: next }] });
      const [low, high] = symmetric && to.id < from.id ? [to.id, from.id] : [from.id, to.id];
      const table = spec.storage.table as LinkTable;
      if (operation.startsWith('unlink')) await insertRetraction(w.manager, table, low, high);
      else await deleteRetraction(w.manager, table, low, high);
      return { from: from.slug, to: to.slug };
    });

  const payload = async (ctx: Context, outcome: Awaited<ReturnType<typeof write>>) => ({
    [fromName]: outcome.value ? await ctx.loaders[`${spec.from.type}BySlug`].load(outcome.value.from) : null,
    [toName]: outcome.value ? await ctx.loaders[`${spec.to.type}BySlug`].load(outcome.value.to) : null,
    userErrors: outcome.userErrors,
  });

  async function link(this: unknown, input: Input, ctx: Context) {
    requireScope(ctx.caller, 'write', `link${name}`);
    const cited = (input.sources as string[] | undefined)?.length ? (input.sources as string[]) : [ctx.caller.principal!.sourceSlug];
    const outcome = await write(ctx, input, `link${name}`, (links, existing, fail) => {
      const item: Input = { [key]: input[toName] };
      for (const a of spec.attributes) {
        const value = input[a.column] ?? existing?.[a.column];
        if (value !== undefined && value !== null) item[a.column] = value;
        else if (!a.nullable) fail(a.column, `A new link needs \`${a.column}\`.`, UserErrorCode.INVALID);
      }
      item.sources = [...new Set([...((existing?.sources as string[]) ?? []), ...cited])].sort();
      return item[key] && spec.attributes.every((a) => a.nullable || item[a.column] !== undefined)
        ? [...links.filter((l) => l !== existing), item]
        : null;
    });
    return payload(ctx, outcome);
  }

  async function unlink(this: unknown, input: Input, ctx: Context) {
    requireScope(ctx.caller, 'write', `unlink${name}`);
    const outcome = await write(ctx, input, `unlink${name}`, (links, existing, fail) => {
      if (existing) return links.filter((l) => l !== existing);
      fail(toName, `"${input[fromName]}" and "${input[toName]}" are not linked.`, UserErrorCode.NOT_FOUND);
      return null;
    });
    return payload(ctx, outcome);
  }

  const skip = { validateFn: () => undefined, description: 'The link.' };
  for (const [method, handler, Input, description] of [
    [
      `link${name}`,
      link,
      LinkInput,
      `Links a ${fromType.toLowerCase()} to a ${toType.toLowerCase()}, or changes the attributes and adds sources of the link that exists.`,
    ],
    [
      `unlink${name}`,
      unlink,
      UnlinkInput,
      `Removes the link between a ${fromType.toLowerCase()} and a ${toType.toLowerCase()}, with its citations.`,
    ],
  ] as const) {
    Object.defineProperty(LinkMutations.prototype, method, { value: handler, writable: true, configurable: true });
    const descriptor = Object.getOwnPropertyDescriptor(LinkMutations.prototype, method)!;
    Mutation(() => Payload, { name: method, description })(LinkMutations.prototype, method, descriptor);
    Arg('input', () => Input, skip)(LinkMutations.prototype, method, 0);
    Ctx()(LinkMutations.prototype, method, 1);
  }
}
