import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CategoryResolver } from './category/category.resolver';
import { NodeResolver } from './node/node.resolver';
import { ResponsibilityResolver } from './responsibility/responsibility.resolver';
import { RoleResolver } from './role/role.resolver';
import { SkillResolver } from './skill/skill.resolver';
import { SourceResolver } from './source/source.resolver';
import { ToolResolver } from './tool/tool.resolver';

/** Every resolver, written out: the schema is exactly this list. */
export const resolvers = [
  CategoryResolver,
  NodeResolver,
  ResponsibilityResolver,
  RoleResolver,
  SkillResolver,
  SourceResolver,
  ToolResolver,
] as const;

let schema: Promise<GraphQLSchema> | undefined;

/** Builds the schema once per process; arguments are validated with class-validator. */
export function createSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({
    resolvers,
    validate: { forbidUnknownValues: false },
  });
  return schema;
}

/** The schema as committed in `schema.graphql`: sorted, so diffs show real changes only. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}
