import type { DataSource } from 'typeorm';
import type { Scope } from '../../src/auth/api-key.service';
import { issueApiKey } from '../../src/auth/issue-key';
import type { Config } from '../../src/config';
import { exportDataset, serializeDataset } from '../../src/dataset/dataset.export';
import { seededDatabase } from './test-database';
import { TestServer, type GraphQLResponse } from './test-server';

/** A client of the real server that sends one API key. */
export class KeyClient {
  constructor(
    private readonly server: TestServer,
    readonly key: string | null,
  ) {}

  private get headers(): Record<string, string> {
    return this.key ? { authorization: `Bearer ${this.key}` } : {};
  }

  /** The whole HTTP answer. */
  post<T = any>(query: string, variables?: Record<string, unknown>) {
    return this.server.post<T>(query, variables, this.headers);
  }

  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    return this.server.query<T>(query, variables, this.headers);
  }

  /** Runs a mutation `name(input: $input)` selecting `selection`, failing on GraphQL errors; returns its payload. */
  async mutate<T = any>(name: string, input: Record<string, unknown>, selection = 'userErrors { field message code }'): Promise<T> {
    const data = await this.server.data(
      `mutation($input: ${inputTypeOf(name)}!) { ${name}(input: $input) { ${selection} } }`,
      { input },
      this.headers,
    );
    return data[name] as T;
  }
}

/** The input type of a mutation, by our naming (`createSkill` → `CreateSkillInput`, `deleteSkill` → `DeleteInput`). */
function inputTypeOf(name: string): string {
  if (name.startsWith('delete')) return 'DeleteInput';
  if (name === 'addAliases' || name === 'removeAliases') return 'AliasesInput';
  return `${name[0].toUpperCase()}${name.slice(1)}Input`;
}

/** A seeded database behind the real server, with a key of each scope. */
export async function curatedServer(settings: Partial<Config> = {}) {
  const db = await seededDatabase();
  const server = await TestServer.start(db.dataSource, settings);
  const issue = async (scope: Scope, name = `${scope} client`) => (await issueApiKey(db.dataSource, { name, scope })).key;
  const keys = { read: await issue('read'), write: await issue('write', 'Acme careers team'), admin: await issue('admin') };
  return {
    ...db,
    server,
    keys,
    anonymous: new KeyClient(server, null),
    reader: new KeyClient(server, keys.read),
    writer: new KeyClient(server, keys.write),
    as: (key: string | null) => new KeyClient(server, key),
    stop: async () => {
      await server.stop();
      await db.dataSource.destroy();
    },
  };
}

/** The database as an export writes it: equal exports, equal data. */
export async function exportText(dataSource: DataSource): Promise<string> {
  return serializeDataset(await exportDataset(dataSource));
}
