import type { IncomingMessage } from 'node:http';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Caller, Context } from '../context';
import { ErrorCode } from '../shared/errors';
import { allows, authenticate, bearerKey, type Scope } from './api-key.service';

/*
 * Who may do what. Reads are public unless READ_REQUIRES_KEY is set; mutations need a key with the
 * `write` scope, managing keys needs `admin`. A key that is sent must be valid, on reads too: a
 * client that means to authenticate learns at once that its key is wrong or revoked, rather than
 * being served as anonymous (and rate-limited as such) without noticing.
 */

const HOW_TO_GET_A_KEY =
  'Send `Authorization: Bearer <key>`; an administrator creates a key with `npm run apikey -- create --name "<who>" --scope write`.';

/** The caller of one HTTP request: the key of its Authorization header, checked, and its address. */
export async function identify(db: DataSource, req: IncomingMessage): Promise<Caller> {
  const ip = req.socket.remoteAddress ?? '';
  const key = bearerKey(req.headers.authorization);
  if (key === undefined) return { principal: null, badKey: false, ip };
  const principal = key === null ? null : await authenticate(db, key);
  return { principal, badKey: principal === null, ip };
}

function unauthenticated(message: string): GraphQLError {
  // Apollo copies `http.headers` onto the response only from a Map (HeaderMap); its types say otherwise.
  const headers = new HeaderMap([['www-authenticate', 'Bearer realm="skill-atlas"']]);
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401, headers } as never } });
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless the caller holds `scope`. */
export function requireScope(caller: Caller, scope: Scope, what: string): void {
  if (caller.badKey) throw unauthenticated(`The API key sent is malformed, unknown or revoked. ${HOW_TO_GET_A_KEY}`);
  if (!caller.principal) throw unauthenticated(`${what} needs an API key with the \`${scope}\` scope. ${HOW_TO_GET_A_KEY}`);
  if (!allows(caller.principal.scope, scope)) {
    throw new GraphQLError(
      `${what} needs the \`${scope}\` scope; the key "${caller.principal.name}" has \`${caller.principal.scope}\`. Ask an administrator for a key with the \`${scope}\` scope.`,
      { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } },
    );
  }
}

/** Checks every operation before anything else runs: mutations need `write`, reads `read` when READ_REQUIRES_KEY. */
export function authPlugin(readRequiresKey: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation) return;
          const caller = contextValue.caller;
          if (operation.operation === 'mutation') requireScope(caller, 'write', 'A mutation');
          else if (readRequiresKey || caller.badKey) requireScope(caller, 'read', 'Reading (READ_REQUIRES_KEY is set)');
        },
      };
    },
  };
}
