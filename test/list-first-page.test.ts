import { encodeKeyCursor } from '../src/shared/cursor';
import { useSeededServer } from './helpers/served-database';

const atlas = useSeededServer();

const PAGE = `query ($after: String) { tools(first: 7, after: $after) {
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { slug } } } }`;
const COUNTED = `query ($after: String) { tools(first: 7, after: $after) { totalCount
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { slug } } } }`;

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

  it('reports an empty page past the end with the same flags as the counted list', async () => {
    const last = encodeKeyCursor('NAME:ASC', ['~ after every name', 1]);
    const counted = await atlas.server.query(COUNTED, { after: last });
    const plain = await atlas.server.query(PAGE, { after: last });
    const { totalCount: _total, ...rest } = counted.data!.tools;
    expect(plain.data!.tools).toEqual(rest);
  });
});
