import { GraphQLObjectType, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { rememberingValidator } from './shared/validate-args';
import { ApiKeyMutations } from './auth/api-key.resolver';
import { CategoryResolver } from './category/category.resolver';
import {
  AliasMutations,
  CategoryMutations,
  ResponsibilityMutations,
  RoleMutations,
  SkillMutations,
  SourceMutations,
  ToolMutations,
} from './curation/entity.resolver';
import { ChangeResolver } from './curation/change.resolver';
import { ImportMutations } from './curation/import.resolver';
import { LinkMutations } from './curation/link.resolver';
import { ExtractResolver } from './extract/extract.resolver';
import { GraphResolver } from './graph/graph.resolver';
import { RelatedRolesResolver } from './graph/related-roles.resolver';
import { SkillGraphEdgeResolver, SkillGraphResolver } from './graph/skill-graph.resolver';
import { NodeResolver } from './node/node.resolver';
import { ResponsibilityResolver } from './responsibility/responsibility.resolver';
import { RoleResolver } from './role/role.resolver';
import { SearchResolver } from './search/search.resolver';
import { SkillResolver } from './skill/skill.resolver';
import { SourceResolver } from './source/source.resolver';
import { ToolResolver } from './tool/tool.resolver';

/** Every resolver, written out: the schema is exactly this list. */
export const resolvers = [
  AliasMutations,
  ApiKeyMutations,
  CategoryMutations,
  CategoryResolver,
  ChangeResolver,
  ExtractResolver,
  GraphResolver,
  ImportMutations,
  LinkMutations,
  NodeResolver,
  RelatedRolesResolver,
  ResponsibilityMutations,
  ResponsibilityResolver,
  RoleMutations,
  RoleResolver,
  SearchResolver,
  SkillGraphEdgeResolver,
  SkillGraphResolver,
  SkillMutations,
  SkillResolver,
  SourceMutations,
  SourceResolver,
  ToolMutations,
  ToolResolver,
] as const;

let schema: Promise<GraphQLSchema> | undefined;

const QUERY_DESCRIPTION =
  'Entry points into the Skill Atlas graph: look things up by id or slug, list them as Relay connections, and walk every relation from there.';

const MUTATION_DESCRIPTION =
  'Curation: create, change and delete entities and links, or import a dataset. Needs an API key with the `write` scope (`Authorization: Bearer <key>`); every write is one transaction, cites a source and is recorded in `changes`.';

/** Builds the schema once per process; arguments are validated with class-validator (each distinct value once). */
export function createSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({ resolvers, validateFn: rememberingValidator() }).then((built) => {
    // TypeGraphQL has no way to describe the root type; add it so the playground documents it.
    const config = built.toConfig();
    if (!config.query) return built;
    const query = new GraphQLObjectType({ ...config.query.toConfig(), description: QUERY_DESCRIPTION });
    const mutation = config.mutation && new GraphQLObjectType({ ...config.mutation.toConfig(), description: MUTATION_DESCRIPTION });
    const root = (t: (typeof config.types)[number]) => (t.name === 'Query' ? query : t.name === 'Mutation' && mutation ? mutation : t);
    return new GraphQLSchema({ ...config, query, mutation, types: config.types.map(root) });
  });
  return schema;
}

/** The schema as committed in `schema.graphql`: sorted, so diffs show real changes only. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}
