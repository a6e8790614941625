import { NODE_TYPES } from '../src/model/node-types';
import { useSeededServer } from './helpers/served-database';

const atlas = useSeededServer();

/** SQLite's plan for each statement a request ran, with the values it was run with. */
async function plansOf(query: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  const statements = await atlas.counter.withParameters(() => atlas.server.data(query, variables));
  return Promise.all(
    statements.map(async ({ text, parameters }) => {
      const rows: { detail: string }[] = await atlas.dataSource.query(`EXPLAIN QUERY PLAN ${text}`, parameters);
      return rows.map((r) => r.detail).join('\n');
    }),
  );
}

const LISTS = Object.values(NODE_TYPES).map((t) => ({
  list: t.datasetList,
  column: t.nameColumn,
  index: `IDX_${t.table}_order_${t.nameColumn}`,
}));

describe.each(LISTS)('the top-level list $list', ({ list, column, index }) => {
  describe.each(['ASC', 'DESC'])('in NAME %s order', (direction) => {
    const query = (args: string, selection = '') =>
      `query ${args.includes('$cursor') ? '($cursor: String)' : ''} { ${list}(orderBy: { field: NAME, direction: ${direction} }, ${args}) { ${selection} pageInfo { endCursor } nodes { id } } }`;
    let cursor: string;
    beforeAll(async () => {
      cursor = (await atlas.server.data(query('first: 2')))[list].pageInfo.endCursor;
    });

    it('reads the first page along its order index, with no sort', async () => {
      const [plan, ...more] = await plansOf(query('first: 3'));
      expect(more).toEqual([]);
      expect(plan.split('\n')[0]).toMatch(new RegExp(`^SCAN e USING (COVERING )?INDEX ${index}$`));
      expect(plan).not.toContain('TEMP B-TREE');
    });

    it('counts totalCount in the same statement, with no sort', async () => {
      const [plan, ...more] = await plansOf(query('first: 3', 'totalCount'));
      expect(more).toEqual([]);
      expect(plan.split('\n')[0]).toMatch(new RegExp(`^SCAN e USING (COVERING )?INDEX ${index}$`));
      expect(plan).toContain('SCALAR SUBQUERY');
      expect(plan).not.toContain('TEMP B-TREE');
    });

    it('seeks the page after a cursor in its order index instead of reading from the start', async () => {
      const [plan, ...more] = await plansOf(query('first: 3, after: $cursor'), { cursor });
      expect(more).toEqual([]);
      expect(plan.split('\n')[0]).toMatch(new RegExp(`^SEARCH e USING (COVERING )?INDEX ${index} \\(${column}[<>]\\?\\)$`));
      expect(plan).not.toContain('TEMP B-TREE');
    });

    it('seeks the page before a cursor in its order index, reading backward', async () => {
      const [plan, ...more] = await plansOf(query('last: 3, before: $cursor'), { cursor });
      expect(more).toEqual([]);
      expect(plan.split('\n')[0]).toMatch(new RegExp(`^SEARCH e USING (COVERING )?INDEX ${index} \\(${column}[<>]\\?\\)$`));
      expect(plan).not.toContain('TEMP B-TREE');
    });
  });
});
