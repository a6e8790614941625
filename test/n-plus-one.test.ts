import type { DataSource } from 'typeorm';
import { emptyDatabase, seededDatabase } from './helpers/test-database';
import type { StatementCounter } from './helpers/statement-counter';
import { TestServer } from './helpers/test-server';
import { writeDataset } from '../src/dataset/dataset.mapping';
import { multiplyDataset, readSeedDataset } from './helpers/datasets';

// Four levels: roles → skills → tools → roles, each a batched, paged relation.
const DEEP = `{
  roles(first: 100) {
    totalCount
    edges { node { name
      skills(first: 100) { totalCount edges { importance node { name
        tools(first: 100) { totalCount edges { node { name
          roles(first: 100) { totalCount nodes { name } }
        } } }
      } } }
    } }
  }
}`;

const WITH_SOURCES = `{
  roles(first: 100) { nodes { name sources { title }
    skills(first: 100) { edges { sources { title } node { name } } }
  } }
}`;

describe('batching (N+1)', () => {
  let seeds: { dataSource: DataSource; counter: StatementCounter; server: TestServer };
  let large: { dataSource: DataSource; counter: StatementCounter; server: TestServer };

  beforeAll(async () => {
    const small = await seededDatabase();
    seeds = { ...small, server: await TestServer.start(small.dataSource) };
    const big = await emptyDatabase();
    await big.dataSource.transaction((manager) => writeDataset(manager, multiplyDataset(readSeedDataset(), 10)));
    large = { ...big, server: await TestServer.start(big.dataSource) };
  });

  afterAll(async () => {
    for (const db of [seeds, large]) {
      await db.server.stop();
      await db.dataSource.destroy();
    }
  });

  async function statementsFor(db: typeof seeds, query: string) {
    let data: any;
    const statements = await db.counter.during(async () => {
      data = await db.server.data(query);
    });
    return { statements, data };
  }

  it('runs one statement per level for roles → skills → tools → roles on the seeds', async () => {
    const { statements, data } = await statementsFor(seeds, DEEP);
    expect(data.roles.edges.length).toBeGreaterThan(10);
    expect(statements.length).toBe(4);
  });

  it('runs the same number of statements on a dataset ten times larger', async () => {
    const small = await statementsFor(seeds, DEEP);
    const big = await statementsFor(large, DEEP);
    expect(big.data.roles.totalCount).toBe(small.data.roles.totalCount * 10);
    expect(big.statements.length).toBe(small.statements.length);
  });

  it('adds one statement per level that asks for sources', async () => {
    const small = await statementsFor(seeds, WITH_SOURCES);
    const big = await statementsFor(large, WITH_SOURCES);
    expect(small.statements.length).toBe(4);
    expect(big.statements.length).toBe(4);
  });
});
