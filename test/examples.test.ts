import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { issueApiKey } from '../src/auth/issue-key';
import { exampleOperations } from '../src/playground/playground';
import { projectRoot } from '../src/shared/project-root';
import { SHIPPED_LIMITS } from './helpers/limits';
import { useSeededServer } from './helpers/served-database';

// Every example must run within the limits a server ships with.
const atlas = useSeededServer(SHIPPED_LIMITS);

/** Empty data: a top-level field that came back null, or a connection with no items. */
function emptyFields(data: Record<string, any>): string[] {
  return Object.entries(data)
    .filter(
      ([, value]) =>
        value === null ||
        (Array.isArray(value?.nodes) && value.nodes.length === 0) ||
        (Array.isArray(value?.edges) && value.edges.length === 0),
    )
    .map(([field]) => field);
}

/** A key with the write scope, for the mutation examples. */
let writeKey: string | undefined;
async function headersFor(query: string): Promise<Record<string, string>> {
  const isMutation = parse(query).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation');
  if (!isMutation) return {};
  writeKey ??= (await issueApiKey(atlas.dataSource, { name: 'Examples', scope: 'write' })).key;
  return { authorization: `Bearer ${writeKey}` };
}

/** Runs an example and checks it answers without errors (or userErrors) and with data in every top-level field. */
async function expectToRun(query: string) {
  const response = await atlas.server.query(query, undefined, await headersFor(query));
  expect(response.errors).toBeUndefined();
  expect(Object.keys(response.data ?? {}).length).toBeGreaterThan(0);
  expect(emptyFields(response.data)).toEqual([]);
  for (const payload of Object.values(response.data ?? {})) expect((payload as { userErrors?: unknown[] })?.userErrors ?? []).toEqual([]);
}

describe('playground examples (src/playground/examples.graphql)', () => {
  const examples = exampleOperations();

  it('has examples, each with its own name', () => {
    expect(examples.length).toBeGreaterThan(0);
    expect(new Set(examples.map((e) => e.name)).size).toBe(examples.length);
  });

  it.each(examples.map((e) => [e.name, e.query]))('%s runs against the seeds and returns data', async (_name, query) => {
    await expectToRun(query);
  });
});

/**
 * The ```graphql blocks of README.md. Blocks holding only schema
 * (SDL) are documentation, not requests, and are left out; a block that does not parse is kept,
 * so its test fails and says so.
 */
function readmeOperations(): { title: string; query: string }[] {
  const blocks = [...readFileSync(join(projectRoot(), 'README.md'), 'utf8').matchAll(/^```graphql[^\S\n]*\n([\s\S]*?)^```/gm)].map(
    (m) => m[1],
  );
  const isRequest = (block: string) => {
    try {
      return parse(block).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION);
    } catch {
      return true;
    }
  };
  return blocks.filter(isRequest).map((query, i) => ({ title: `block ${i + 1}: ${query.trim().split('\n')[0].slice(0, 60)}`, query }));
}

describe('README.md examples', () => {
  const operations = readmeOperations();

  it('README has graphql examples', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  // An empty table makes jest fail the file, so a README that lost its examples is caught twice.
  it.each(operations.map((o) => [o.title, o.query]))('%s runs against the seeds and returns data', async (_title, query) => {
    await expectToRun(query);
  });
});
