import { writeDataset } from '../src/dataset/dataset.mapping';
import { emptyDatabase, seededDatabase } from './helpers/test-database';
import { TestServer } from './helpers/test-server';

describe('attribution', () => {
  it('is added to every response when a source requires it', async () => {
    const db = await emptyDatabase();
    const attribution = 'This product includes information from Example Data, used under the CC BY 4.0 license.';
    await db.dataSource.transaction((manager) =>
      writeDataset(manager, {
        format: 'skill-atlas-dataset',
        version: 1,
        sources: [{ slug: 'example-data', title: 'Example Data', licence: 'CC BY 4.0', attribution }],
        roles: [{ slug: 'analyst', name: 'Analyst', sources: ['example-data'] }],
      }),
    );
    const server = await TestServer.start(db.dataSource);
    const response = await server.query('{ roles { totalCount } }');
    expect(response.data.roles.totalCount).toBe(1);
    expect((response as { extensions?: { attribution?: string[] } }).extensions?.attribution).toEqual([attribution]);
    await server.stop();
    await db.dataSource.destroy();
  });

  it('is absent when no source asks for it', async () => {
    const db = await seededDatabase();
    const server = await TestServer.start(db.dataSource);
    const response = await server.query('{ roles { totalCount } }');
    expect((response as { extensions?: { attribution?: unknown } }).extensions?.attribution).toBeUndefined();
    await server.stop();
    await db.dataSource.destroy();
  });
});
