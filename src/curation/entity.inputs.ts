import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { SkillKind } from '../skill/skill.entity';
import { SLUG_PATTERN } from '../shared/global-id';
import { ToolKind } from '../tool/tool.entity';

/*
 * The inputs of the create, update and delete mutations (src/curation/entity.resolver.ts). Field
 * names are the dataset format's (seeds/README.md), so an input maps onto a record one to one.
 * Each is validated with class-validator inside the mutation, and every failure is a userError at
 * its field's path. On an update, a field left out keeps its value and `null` clears it.
 */

const SLUG = 'must be a lowercase-kebab-case slug such as "api-design"';
const SlugValue = (each = false) => Matches(SLUG_PATTERN, { each, message: `$property ${SLUG}` });
const Name = () => Length(1, 200, { message: '$property must be 1 to 200 characters long' });
const Prose = () => MaxLength(10_000, { message: '$property must be at most 10,000 characters long' });
const Aliases = () => [
  ArrayMaxSize(50, { message: '$property may hold at most 50 names' }),
  Length(1, 200, { each: true, message: 'each of $property must be 1 to 200 characters long' }),
];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

/** Fields every create input has. */
@InputType()
abstract class CreateBase {
  @Field({ nullable: true, description: "The new entity's slug, which never changes; by default made from its name." })
  @IsOptional()
  @SlugValue()
  @MaxLength(100)
  slug?: string;
}

/** Fields of every cited type's create input. */
@InputType()
abstract class CitedCreateBase extends CreateBase {
  @Field(() => [String], { nullable: true, description: 'Slugs of the sources that support it; by default the source of your API key.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @SlugValue(true)
  sources?: string[];
}

/** Fields every update input has. */
@InputType()
abstract class UpdateBase {
  @Field({ description: 'The slug of the entity to change (slugs never change).' })
  @SlugValue()
  slug: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Its `revision` as you last read it: the update is refused with CONFLICT if it has changed since.',
  })
  @IsOptional()
  @IsInt()
  expectedRevision?: number;
}

/** Fields of every cited type's update input. */
@InputType()
abstract class CitedUpdateBase extends UpdateBase {
  @Field(() => [String], {
    nullable: true,
    description: 'Slugs of the sources that support the change, added to its sources; by default the source of your API key.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @SlugValue(true)
  sources?: string[];
}

@InputType({ description: 'Deletes an entity by slug.' })
export class DeleteInput extends UpdateBase {}

// Sources.

@InputType({ description: 'A new source: an article, a page or a dataset release.' })
export class CreateSourceInput extends CreateBase {
  @Field({ description: 'Its title.' }) @Name() title: string;
  @Field(() => String, { nullable: true, description: 'Who published it.' }) @IsOptional() @MaxLength(200) publisher?: string | null;
  @Field(() => String, { nullable: true, description: 'Who wrote it.' }) @IsOptional() @MaxLength(200) author?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'publishedOn must be a date, YYYY-MM-DD' })
  publishedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Where it can be read: an http(s) URL.' })
  @IsOptional()
  @IsUrl({ require_protocol: true }, { message: 'url must be an http(s) URL' })
  url?: string | null;
  @Field(() => String, { nullable: true, description: 'Release or version, for datasets.' }) @IsOptional() @MaxLength(100) version?:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'Licence under which the facts are used.' }) @IsOptional() @MaxLength(200) licence?:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'Attribution text to show wherever the data is served.' })
  @IsOptional()
  @Prose()
  attribution?: string | null;
}

@InputType({ description: 'Changes a source.' })
export class UpdateSourceInput extends UpdateBase {
  @Field({ nullable: true, description: 'Its title.' }) @IsOptional() @Name() title?: string;
  @Field(() => String, { nullable: true, description: 'Who published it.' }) @IsOptional() @MaxLength(200) publisher?: string | null;
  @Field(() => String, { nullable: true, description: 'Who wrote it.' }) @IsOptional() @MaxLength(200) author?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'publishedOn must be a date, YYYY-MM-DD' })
  publishedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Where it can be read: an http(s) URL.' })
  @IsOptional()
  @IsUrl({ require_protocol: true }, { message: 'url must be an http(s) URL' })
  url?: string | null;
  @Field(() => String, { nullable: true, description: 'Release or version, for datasets.' }) @IsOptional() @MaxLength(100) version?:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'Licence under which the facts are used.' }) @IsOptional() @MaxLength(200) licence?:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'Attribution text to show wherever the data is served.' })
  @IsOptional()
  @Prose()
  attribution?: string | null;
}

// Categories.

@InputType({ description: 'A new category.' })
export class CreateCategoryInput extends CreateBase {
  @Field({ description: 'Display name.' }) @Name() name: string;
  @Field({ nullable: true, description: 'What it is, in a sentence or two.' }) @IsOptional() @Prose() description?: string;
  @Field(() => String, { nullable: true, description: 'Slug of the parent category.' }) @IsOptional() @SlugValue() parent?: string | null;
}

@InputType({ description: 'Changes a category; `parent` re-parents it (null: to the top level).' })
export class UpdateCategoryInput extends UpdateBase {
  @Field({ nullable: true, description: 'Display name.' }) @IsOptional() @Name() name?: string;
  @Field({ nullable: true, description: 'What it is, in a sentence or two.' }) @IsOptional() @Prose() description?: string;
  @Field(() => String, { nullable: true, description: 'Slug of the parent category; null moves it to the top level.' })
  @IsOptional()
  @SlugValue()
  parent?: string | null;
}

// Skills.

@InputType({ description: 'A new skill.' })
export class CreateSkillInput extends CitedCreateBase {
  @Field({ description: 'Display name.' }) @Name() name: string;
  @Field(() => [String], { nullable: true, description: 'Other names for the same thing.' })
  @IsOptional()
  @apply(Aliases())
  aliases?: string[];
  @Field({ nullable: true, description: 'What it is, in a sentence or two.' }) @IsOptional() @Prose() description?: string;
  @Field(() => SkillKind, { description: 'Technical or soft.' }) @IsIn(Object.values(SkillKind)) kind: SkillKind;
  @Field(() => String, { nullable: true, description: 'Slug of its category.' }) @IsOptional() @SlugValue() category?: string | null;
}

@InputType({ description: 'Changes a skill. A new `name` keeps the slug and adds the old name to the aliases.' })
export class UpdateSkillInput extends CitedUpdateBase {
  @Field({ nullable: true, description: 'Display name.' }) @IsOptional() @Name() name?: string;
  @Field(() => [String], { nullable: true, description: 'Replaces the aliases (addAliases and removeAliases change some).' })
  @IsOptional()
  @apply(Aliases())
  aliases?: string[];
  @Field({ nullable: true, description: 'What it is, in a sentence or two.' }) @IsOptional() @Prose() description?: string;
  @Field(() => SkillKind, { nullable: true, description: 'Its kind.' }) @IsOptional() @IsIn(Object.values(SkillKind)) kind?: SkillKind;
  @Field(() => String, { nullable: true, description: 'Slug of its category; null files it under none.' })
  @IsOptional()
  @SlugValue()
  category?: string | null;
}

// Tools.

@InputType({ description: 'A new tool.' })
export class CreateToolInput extends CitedCreateBase {
  @Field({ description: 'Display name.' }) @Name() name: string;
  @Field(() => [String], { nullable: true, description: 'Other names for the same thing.' })
  @IsOptional()
  @apply(Aliases())
  aliases?: string[];
  @Field({ nullable: true, description: 'What it is, in a sentence or two.' }) @IsOptional() @Prose() description?: string;
  @Field(() => ToolKind, { nullable: true, description: 'TECHNOLOGY unless given.' })
  @IsOptional()
  @IsIn(Object.values(ToolKind))
  kind?: ToolKind;
  @Field(() => String, { nullable: true, description: 'Slug of its category.' }) @IsOptional() @SlugValue() category?: string | null;
}

@InputType({ description: 'Changes a tool. A new `name` keeps the slug and adds the old name to the aliases.' })
export class UpdateToolInput extends CitedUpdateBase {
  @Field({ nullable: true, description: 'Display name.' }) @IsOptional() @Name() name?: string;
  @Field(() => [String], { nullable: true, description: 'Replaces the aliases (addAliases and removeAliases change some).' })
  @IsOptional()
  @apply(Aliases())
  aliases?: string[];
  @Field({ nullable: true, description: 'What it is, in a sentence or two.' }) @IsOptional() @Prose() description?: string;
  @Field(() => ToolKind, { nullable: true, description: 'Its kind.' }) @IsOptional() @IsIn(Object.values(ToolKind)) kind?: ToolKind;
  @Field(() => String, { nullable: true, description: 'Slug of its category; null files it under none.' })
  @IsOptional()
  @SlugValue()
  category?: string | null;
}

// Responsibilities.

@InputType({ description: 'A new responsibility.' })
export class CreateResponsibilityInput extends CitedCreateBase {
  @Field({ description: 'Display name.' }) @Name() name: string;
  @Field({ nullable: true, description: 'What it is, in a sentence or two.' }) @IsOptional() @Prose() description?: string;
}

@InputType({ description: 'Changes a responsibility.' })
export class UpdateResponsibilityInput extends CitedUpdateBase {
  @Field({ nullable: true, description: 'Display name.' }) @IsOptional() @Name() name?: string;
  @Field({ nullable: true, description: 'What it is, in a sentence or two.' }) @IsOptional() @Prose() description?: string;
}

// Roles.

@InputType({ description: 'A new role.' })
export class CreateRoleInput extends CitedCreateBase {
  @Field({ description: 'Display name.' }) @Name() name: string;
  @Field(() => [String], { nullable: true, description: 'Other names for the same thing.' })
  @IsOptional()
  @apply(Aliases())
  aliases?: string[];
  @Field({ nullable: true, description: 'What the role does, in a sentence or two.' }) @IsOptional() @Prose() summary?: string;
  @Field(() => String, { nullable: true, description: 'Its code in an external taxonomy (an O*NET-SOC code).' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  externalCode?: string | null;
  @Field(() => Int, { nullable: true, description: '1 to 5.' }) @IsOptional() @IsInt() @Min(1) @Max(5) jobZone?: number | null;
  @Field(() => String, { nullable: true, description: 'Slug of the broader role it specialises.' }) @IsOptional() @SlugValue() broader?:
    | string
    | null;
}

@InputType({
  description: 'Changes a role. A new `name` keeps the slug and adds the old name to the aliases; `broader` sets its broader role.',
})
export class UpdateRoleInput extends CitedUpdateBase {
  @Field({ nullable: true, description: 'Display name.' }) @IsOptional() @Name() name?: string;
  @Field(() => [String], { nullable: true, description: 'Replaces the aliases (addAliases and removeAliases change some).' })
  @IsOptional()
  @apply(Aliases())
  aliases?: string[];
  @Field({ nullable: true, description: 'What the role does, in a sentence or two.' }) @IsOptional() @Prose() summary?: string;
  @Field(() => String, { nullable: true, description: 'Its code in an external taxonomy (an O*NET-SOC code).' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  externalCode?: string | null;
  @Field(() => Int, { nullable: true, description: '1 to 5.' }) @IsOptional() @IsInt() @Min(1) @Max(5) jobZone?: number | null;
  @Field(() => String, { nullable: true, description: 'Slug of the broader role; null makes it a top-level role.' })
  @IsOptional()
  @SlugValue()
  broader?: string | null;
}

@InputType({ description: 'Adds or removes other names of a role, skill or tool.' })
export class AliasesInput {
  @Field(() => ID, { description: 'The global id of the role, skill or tool.' })
  @IsString()
  id: string;

  @Field(() => [String], { description: 'The names.' })
  @ArrayMaxSize(50)
  @Length(1, 200, { each: true, message: 'each alias must be 1 to 200 characters long' })
  aliases: string[];

  @Field(() => Int, { nullable: true, description: 'Its `revision` as you last read it: refused with CONFLICT if it has changed since.' })
  @IsOptional()
  @IsInt()
  expectedRevision?: number;
}
