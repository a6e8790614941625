import type { DataSource } from 'typeorm';
import { seededDatabase } from './test-database';
import { TestServer } from './test-server';

export interface SeededServer {
  readonly server: TestServer;
  readonly dataSource: DataSource;
}

/**
 * One seeded database and one real server shared by every test of a file: started in beforeAll,
 * stopped and closed in afterAll. Call it at the top of a describe; read its fields inside tests.
 */
export function useSeededServer(): SeededServer {
  let running: { server: TestServer; dataSource: DataSource } | undefined;
  beforeAll(async () => {
    const { dataSource } = await seededDatabase();
    running = { dataSource, server: await TestServer.start(dataSource) };
  });
  afterAll(async () => {
    await running?.server.stop();
    await running?.dataSource.destroy();
  });
  const started = () => {
    if (!running) throw new Error('useSeededServer(): the server starts in beforeAll; use it inside a test.');
    return running;
  };
  return {
    get server() {
      return started().server;
    },
    get dataSource() {
      return started().dataSource;
    },
  };
}
