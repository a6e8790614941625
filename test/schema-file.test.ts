import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { createSchema, printSortedSchema } from '../src/schema';
import { projectRoot } from '../src/shared/project-root';

/** The first line where two texts differ, to point a reviewer at the change. */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `first difference at line ${at + 1}:\n  schema.graphql: ${JSON.stringify(a[at])}\n  generated:      ${JSON.stringify(b[at])}`;
}

/**
 * Every type, field and argument of the schema without a description, as `Type.field(argument)`.
 * The root operation types are named by GraphQL itself, so only their fields are checked.
 */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const blank = (text: string | null | undefined) => !text?.trim();
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (blank(type.description) && !roots.has(type as never)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
  }
  return missing;
}

describe('schema.graphql', () => {
  it('is exactly the schema the code builds (run `npm run schema` to refresh it)', async () => {
    const committed = readFileSync(join(projectRoot(), 'schema.graphql'), 'utf8');
    const generated = await printSortedSchema();
    if (committed !== generated) {
      throw new Error(`schema.graphql is stale: run \`npm run schema\` and commit the result.\n${firstDifference(committed, generated)}`);
    }
  });
});

describe('the schema', () => {
  it('describes every type, field and argument (of the root types, their fields)', async () => {
    expect(undocumented(await createSchema())).toEqual([]);
  });

  it('has types, fields and enums to describe (the walk above is not vacuous)', async () => {
    const types = Object.values((await createSchema()).getTypeMap()).filter((t) => !isIntrospectionType(t) && !isSpecifiedScalarType(t));
    expect(types.filter(isObjectType).length).toBeGreaterThan(10);
    expect(types.filter(isInputObjectType).length).toBeGreaterThan(3);
    expect(types.filter(isEnumType).length).toBeGreaterThan(3);
  });
});
