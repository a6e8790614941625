import { NODE_TYPES } from '../src/model/node-types';
import { useSeededServer } from './helpers/served-database';
import { ENGINE } from './helpers/test-database';

/** SQLite query plans: this suite is about SQLite itself, so the PostgreSQL pass reports it as skipped. */
const onSqlite = ENGINE === 'sqlite' ? describe : describe.skip;

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

onSqlite.each(LISTS)('the top-level list $list', ({ list, column, index }) => {
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

/** Plan lines that read a whole table or index rather than seeking it (the parents' JSON list and the per-parent facts aside). */
const fullScans = (plan: string) =>
  plan.split('\n').filter((line) => /^SCAN /.test(line) && !/^SCAN (json_each|__p|__parents?)\b/.test(line) && !/VIRTUAL TABLE/.test(line));

onSqlite.each([
  ['a role’s skills', 'roles(first: 5) { nodes { skills(first: 3) { nodes { id } } } }'],
  ['a role’s tools, backward from the end', 'roles(first: 5) { nodes { tools(last: 3) { nodes { id } } } }'],
  ['a skill’s roles', 'skills(first: 5) { nodes { roles(first: 3) { nodes { id } } } }'],
  ['a tool’s skills', 'tools(first: 5) { nodes { skills(first: 3) { nodes { id } } } }'],
  ['a category’s skills (a foreign-key column)', 'categories(first: 5) { nodes { skills(first: 3) { nodes { id } } } }'],
  ['a role’s collaborators (a symmetric table)', 'roles(first: 5) { nodes { collaboratesWith(first: 3) { nodes { id } } } }'],
])('the relation page of %s', (_name, selection) => {
  it('seeks each parent’s links by index and reads the page’s children by key, with no full scan', async () => {
    const [, relation, ...more] = await plansOf(`{ ${selection} }`);
    expect(more).toEqual([]);
    expect(relation).toContain('CORRELATED LIST SUBQUERY');
    expect(fullScans(relation)).toEqual([]);
  });
});
