import type { GraphQLResponse } from './test-server';

type GraphQLError = NonNullable<GraphQLResponse['errors']>[number];

/** What must never reach a client: stack traces, stack frames, and database internals. */
export function leaksInternals(response: GraphQLResponse): string | null {
  const text = JSON.stringify(response.errors ?? []);
  if (text.includes('stacktrace')) return 'a stacktrace extension';
  if (text.includes('    at ')) return 'a stack frame';
  if (/sqlite/i.test(text)) return 'an SQLite message';
  return null;
}

/**
 * The one error a response carries, after checking it has exactly one, with the expected code,
 * and that it leaks nothing internal.
 */
export function onlyError(response: GraphQLResponse, code: string): GraphQLError {
  expect(response.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(leaksInternals(response)).toBeNull();
  return response.errors![0];
}
