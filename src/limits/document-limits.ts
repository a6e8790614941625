import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLFormattedError, type ValidationContext, type ValidationRule } from 'graphql';
import type { Config } from '../config';
import { ErrorCode } from '../shared/errors';

/*
 * Limits on the shape of a document, checked before any resolver runs: depth, aliases and
 * directives by graphql-armor's validation rules (each walks a fragment once however often it is
 * spread), tokens by graphql-js's own parser, which stops counting at the limit.
 *
 * graphql-armor's Apollo token plugin is not used: it parses every new document a second time and
 * turns every unexpected error of the server into GRAPHQL_VALIDATION_FAILED. graphql-js has done
 * the same count inside its one parse since 16.5 (`parseOptions.maxTokens`); its error only needs
 * our code, which `tokenLimitError` gives it.
 */

export type DocumentLimits = Pick<Config, 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxTokens'>;

/** Armor's callbacks: report the rejection and go on validating. */
interface Rejection {
  propagateOnRejection: false;
  onReject: ((context: ValidationContext | null, error: GraphQLError) => void)[];
}

/** Reports armor's rejection as our own error: its code, armor's finding, and what to do. */
function rejectWith(code: ErrorCode, advice: string): Rejection {
  return {
    propagateOnRejection: false,
    onReject: [
      (context, error) =>
        context?.reportError(new GraphQLError(`${error.message.replace(/^Syntax Error: /, '')} ${advice}`, { extensions: { code } })),
    ],
  };
}

/** graphql-armor's depth, alias and directive rules, with our codes and messages. */
export function documentLimitRules(limits: DocumentLimits): ValidationRule[] {
  return new ApolloArmor({
    // The schema is public (introspection is on), so "did you mean" suggestions stay.
    blockFieldSuggestion: { enabled: false },
    // Cost is ours (src/limits/cost-limit.ts): it needs the variables, which validation rules never see.
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: {
      n: limits.maxDepth,
      // Count fields only, as the limit is documented; introspection is not exempt.
      flattenFragments: true,
      ignoreIntrospection: false,
      ...rejectWith(ErrorCode.QUERY_TOO_DEEP, 'Split the query into several, using node(id:) to continue from an object.'),
    },
    maxAliases: {
      n: limits.maxAliases,
      // Aliases of __typename count too: 150,000 of them are 2.9 MB of work.
      allowList: [],
      ...rejectWith(ErrorCode.QUERY_TOO_MANY_ALIASES, 'Ask for fewer fields under other names, or split the query into several requests.'),
    },
    maxDirectives: {
      n: limits.maxDirectives,
      ...rejectWith(ErrorCode.QUERY_TOO_MANY_DIRECTIVES, 'Use fewer directives, or split the query into several requests.'),
    },
  }).protect().validationRules;
}

/** What graphql-js's parser says when a document holds more than `maxTokens` tokens (graphql 16.15). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more that (\d+) tokens\. Parsing aborted\.$/;

/**
 * The parser's token-limit error as a client should see it, or null for any other error: Apollo
 * reports every parse failure as GRAPHQL_PARSE_FAILED, which would hide that the query is too big.
 */
export function tokenLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  const limit = TOKEN_LIMIT_MESSAGE.exec(formatted.message)?.[1];
  if (limit === undefined) return null;
  return {
    message: `The query holds more than ${limit} tokens (names, punctuation, values), the most the server reads. Split it into several requests, or pass long lists as variables.`,
    extensions: { code: ErrorCode.QUERY_TOO_MANY_TOKENS },
  };
}
