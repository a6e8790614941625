import { GraphQLObjectType, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { rememberingValidator } from './shared/validate-args';
import { CategoryResolver } from './category/category.resolver';
import { GraphResolver } from './graph/graph.resolver';
import { RelatedRolesResolver } from './graph/related-roles.resolver';
import { NodeResolver } from './node/node.resolver';
import { ResponsibilityResolver } from './responsibility/responsibility.resolver';
import { RoleResolver } from './role/role.resolver';
import { SearchResolver } from './search/search.resolver';
import { SkillResolver } from './skill/skill.resolver';
import { SourceResolver } from './source/source.resolver';
import { ToolResolver } from './tool/tool.resolver';

/** Every resolver, written out: the schema is exactly this list. */
export const resolvers = [
  CategoryResolver,
  GraphResolver,
  NodeResolver,
  RelatedRolesResolver,
  ResponsibilityResolver,
  RoleResolver,
  SearchResolver,
  SkillResolver,
  SourceResolver,
  ToolResolver,
] as const;

let schema: Promise<GraphQLSchema> | undefined;

const QUERY_DESCRIPTION =
  'Entry points into the Skill Atlas graph: look things up by id or slug, list them as Relay connections, and walk every relation from there.';

/** Builds the schema once per process; arguments are validated with class-validator (each distinct value once). */
export function createSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({ resolvers, validateFn: rememberingValidator() }).then((built) => {
    // TypeGraphQL has no way to describe the root type; add it so the playground documents it.
    const config = built.toConfig();
    if (!config.query) return built;
    const query = new GraphQLObjectType({ ...config.query.toConfig(), description: QUERY_DESCRIPTION });
    return new GraphQLSchema({ ...config, query, types: config.types.map((t) => (t.name === 'Query' ? query : t)) });
  });
  return schema;
}

/** The schema as committed in `schema.graphql`: sorted, so diffs show real changes only. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}
