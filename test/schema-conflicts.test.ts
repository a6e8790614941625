import {
  buildClientSchema,
  extendSchema,
  getIntrospectionQuery,
  NoUnusedFragmentsRule,
  parse,
  specifiedRules,
  validate,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { SkillKind } from '../src/skill/skill.entity';
import { ItemKind } from '../src/shared/enums';
import { ToolKind } from '../src/tool/tool.entity';
import { edgeTypes, everyFieldFragment } from './helpers/every-field';
import { useSeededServer } from './helpers/served-database';

const atlas = useSeededServer();

/**
 * The schema as a client sees it: read from the running server by introspection, once. (Building
 * the every-field checks keeps this process busy for seconds; a second request after one would
 * reuse a keep-alive connection the server had meanwhile closed.)
 */
let served: Promise<GraphQLSchema> | undefined;
function servedSchema(): Promise<GraphQLSchema> {
  served ??= atlas.server.data<IntrospectionQuery>(getIntrospectionQuery()).then((data) => buildClientSchema(data));
  return served;
}

/** Validation errors of a fragment-only document (it is checked, not run, so it needs no operation). */
function problems(schema: GraphQLSchema, document: string): string[] {
  const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
  return validate(schema, parse(document), rules).map((error) => error.message);
}

describe('selecting every field of every member side by side', () => {
  it.each(['SearchResult', 'Node'])('is valid for the members of %s, nested selections included', async (abstract) => {
    const schema = await servedSchema();
    const fragment = everyFieldFragment(schema, abstract);
    expect(fragment).toMatch(/\.\.\. on Skill \{[^]*\bkind\b[^]*\.\.\. on Tool \{[^]*\bkind\b/);
    expect(fragment).toMatch(/\bimportance\b/);
    expect(problems(schema, fragment)).toEqual([]);
  });

  it('is valid for every edge type, as if they were members of one union (three levels deep)', async () => {
    const schema = await servedSchema();
    const edges = edgeTypes(schema).map((t) => t.name);
    expect(edges.length).toBeGreaterThan(10);
    const withUnion = extendSchema(schema, parse(`union AnyEdge = ${edges.join(' | ')}`));
    expect(problems(withUnion, everyFieldFragment(withUnion, 'AnyEdge', 3))).toEqual([]);
  });

  it('catches a conflict: the check fails on two members whose `kind` types differ', async () => {
    const schema = extendSchema(
      await servedSchema(),
      parse('enum OtherKind { A } type Odd { id: ID! kind: OtherKind! } union Mixed = Skill | Odd'),
    );
    expect(problems(schema, everyFieldFragment(schema, 'Mixed'))).toEqual([expect.stringMatching(/"kind" conflict/)]);
  });
});

describe('kind', () => {
  it('is one enum on skills and tools that holds every SkillKind and ToolKind value', () => {
    expect(Object.values(ItemKind).sort()).toEqual([...Object.values(SkillKind), ...Object.values(ToolKind)].sort());
  });

  const KINDS = `query ($query: String!) { search(query: $query, first: 20) { nodes { __typename ... on Skill { name kind } ... on Tool { name kind } } } }`;
  const kindsFound = async (query: string) => {
    const data = await atlas.server.data<{ search: { nodes: { __typename: string; name: string; kind?: string }[] } }>(KINDS, { query });
    return data.search.nodes.filter((n) => n.kind).map((n) => `${n.__typename} ${n.name}: ${n.kind}`);
  };

  it('can be selected on skills and tools in one search without aliases (the query of issue 11)', async () => {
    expect(await kindsFound('git')).toContain('Tool Git: TECHNOLOGY');
  });

  it('answers each member with its own values', async () => {
    expect(await kindsFound('content management')).toEqual(
      expect.arrayContaining(['Skill Content management systems: TECHNICAL', 'Tool Content management system: TECHNOLOGY']),
    );
  });
});
