import type { DataSource } from 'typeorm';
import { loadConfig, type Config } from '../../src/config';
import { startServer, type RunningServer, type ServeOptions } from '../../src/server';

export interface GraphQLResponse<T = any> {
  data?: T;
  extensions?: Record<string, any>;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** The real HTTP server on a free port, and a client that posts GraphQL to it. */
export class TestServer {
  private constructor(private readonly server: RunningServer) {}

  /** Starts a server configured from the environment, with `settings` on top. */
  static async start(dataSource: DataSource, settings: Partial<Config> = {}, options?: ServeOptions): Promise<TestServer> {
    return new TestServer(await startServer(dataSource, 0, { ...loadConfig(), ...settings }, options));
  }

  get url(): string {
    return this.server.url;
  }

  async query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    return (await this.post<T>(query, variables, headers)).body;
  }

  /** Posts a query with extra headers (`authorization`), returning the HTTP status and headers too. */
  async post<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Headers; body: GraphQLResponse<T> }> {
    const response = await fetch(this.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<T> };
  }

  /** Like query, but fails the test when the response has errors. */
  async data<T = any>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.query<T>(query, variables, headers);
    if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    return response.data as T;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
