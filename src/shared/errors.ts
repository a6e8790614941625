import { GraphQLError } from 'graphql';

/**
 * The closed list of error codes a client can meet in `errors[].extensions.code`.
 * Anything else that goes wrong is masked as INTERNAL_SERVER_ERROR.
 */
export enum ErrorCode {
  /** An argument is malformed or out of range; the message says which and how to fix it. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** An id or slug names nothing. */
  NOT_FOUND = 'NOT_FOUND',
  /** The query text does not parse. */
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  /** The query does not match the schema. */
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  /** The HTTP request itself is malformed (no query, wrong content type). */
  BAD_REQUEST = 'BAD_REQUEST',
  /** The document holds several operations and `operationName` does not pick one. */
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  /** The query nests fields deeper than the server allows. */
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  /** The query would cost more than the server allows; the message gives its cost and the limit. */
  QUERY_TOO_COSTLY = 'QUERY_TOO_COSTLY',
  /** The operation uses more aliases than the server allows. */
  QUERY_TOO_MANY_ALIASES = 'QUERY_TOO_MANY_ALIASES',
  /** The operation uses more directives than the server allows. */
  QUERY_TOO_MANY_DIRECTIVES = 'QUERY_TOO_MANY_DIRECTIVES',
  /** The query text holds more tokens than the server parses. */
  QUERY_TOO_MANY_TOKENS = 'QUERY_TOO_MANY_TOKENS',
  /** The request body is larger than the server reads (HTTP 413). */
  REQUEST_TOO_LARGE = 'REQUEST_TOO_LARGE',
  /** No API key, or one that is malformed, unknown or revoked, where one is needed (HTTP 401). */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The API key is valid but lacks the scope the operation needs (HTTP 403). */
  FORBIDDEN = 'FORBIDDEN',
  /** The key's (or, without a key, the address's) cost budget for the current minute is spent (HTTP 429). */
  RATE_LIMITED = 'RATE_LIMITED',
  /**
   * Automatic persisted queries: the hash names no query this server has seen; send the query
   * with its hash once (Apollo Client's persisted-queries link does so by itself).
   */
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  /** A fault on our side; details are in the server log only. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** A mistake in the request that the caller can fix; `argument` names the offending argument. */
export class UserInputError extends GraphQLError {
  constructor(message: string, argument?: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) } });
  }
}

/** A lookup that must succeed named something that does not exist. */
export class NotFoundError extends GraphQLError {
  constructor(message: string, argument?: string) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND, ...(argument ? { argument } : {}) } });
  }
}
