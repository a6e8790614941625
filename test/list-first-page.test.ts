import type { DataSource } from 'typeorm';
import { encodeCursor } from '../src/shared/cursor';
import { useSeededServer } from './helpers/served-database';

const atlas = useSeededServer();

const PAGE = `query ($after: String) { tools(first: 7, after: $after) {
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { slug } } } }`;
const COUNTED = `query ($after: String) { tools(first: 7, after: $after) { totalCount
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { slug } } } }`;

/** The plan SQLite would use for a statement, one line per step. */
async function planOf(dataSource: DataSource, statement: string): Promise<string[]> {
  const rows: { detail: string }[] = await dataSource.query(`EXPLAIN QUERY PLAN ${statement}`);
  return rows.map((r) => r.detail);
}

describe('a top-level list without totalCount', () => {
  it('answers every page exactly as the counted list does, to the last one', async () => {
    let after: string | null = null;
    let pages = 0;
    do {
      const plain: { tools: { pageInfo: { hasNextPage: boolean; endCursor: string } } } = await atlas.server.data(PAGE, { after });
      const counted = await atlas.server.data(COUNTED, { after });
      const { totalCount: _total, ...rest } = counted.tools;
      expect(plain.tools).toEqual(rest);
      after = plain.tools.pageInfo.hasNextPage ? plain.tools.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBeGreaterThan(5);
  });

  it('reads the page in index order instead of sorting the whole table', async () => {
    const statements = await atlas.counter.during(() => atlas.server.data(PAGE));
    expect(statements).toHaveLength(1);
    const plan = await planOf(atlas.dataSource, statements[0].replace(/\?/g, 'NULL'));
    expect(plan.join('\n')).toContain('IDX_tool_order_name');
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
  });

  it('reports an empty page past the end with the same flags as the counted list', async () => {
    const last = encodeCursor(9999);
    const counted = await atlas.server.query(COUNTED, { after: last });
    const plain = await atlas.server.query(PAGE, { after: last });
    const { totalCount: _total, ...rest } = counted.data!.tools;
    expect(plain.data!.tools).toEqual(rest);
  });
});
