import type { DataSource } from 'typeorm';
import { importOnet } from '../src/onet/onet.import';
import { byCode, searchQueries } from '../src/search/search.service';
import { searchHitRows, type SearchHitRow, type SearchStatement } from '../src/search/search.store';
import { exactKey, searchWords } from '../src/search/search.text';
import type { PageWindow } from '../src/shared/page-window';
import { onetRelease } from './helpers/datasets';
import { referenceSearchHitRows } from './helpers/reference-search';
import { seededDatabase } from './helpers/test-database';

/**
 * The search statement ranks only the tiers a page reaches (src/search/search.store.ts). These
 * tests hold it to the reference that scores and numbers every hit: the same hits, positions,
 * scores, snippets and rows, for broad words, prefixes, exact names and aliases, and pages at the
 * start, in the middle, across tiers, at the end and beyond it.
 */

const WINDOWS: PageWindow[] = [
  { after: 0, before: null, first: 20, last: null },
  { after: 0, before: null, first: 100, last: null },
  { after: 37, before: null, first: 25, last: null },
  { after: 0, before: null, first: null, last: 10 },
  { after: 3, before: 60, first: null, last: 7 },
  { after: 5, before: 9, first: 20, last: null },
  { after: 100_000, before: null, first: 10, last: null },
];

const QUERIES = ['manage', 'data', 'software developers', 'python', 'a', 'nurse', 'excel', 'engineer', 'c++', 'analy'];

const ALL_CODES = [...byCode.keys()].sort();

/** The statement the service sends for `query` as typed (no typo correction), with a score factor. */
function statementFor(query: string, window: PageWindow, factor = 1, codes = ALL_CODES): SearchStatement {
  const words = searchWords(query).map((word) => ({ word, corrections: [] }));
  return {
    queries: searchQueries(words),
    keys: [exactKey(query), words.map((w) => w.word).join(' ')],
    codes,
    entities: byCode,
    window,
    factor,
  };
}

/** What a page says: its total and the hits in it, as plain values. */
function pageOf(rows: readonly SearchHitRow[]) {
  const total = rows.length ? Number(rows[0].total) : 0;
  const hits = rows
    .filter((r) => r.inPage)
    .map((r) => ({ key: r.key, rn: Number(r.rn), score: r.score, snippet: r.snippet, entity: r.entity }));
  return { total, hits };
}

describe('the search statement on the seeds and O*NET 29.3', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = (await seededDatabase()).dataSource;
    await importOnet(dataSource, onetRelease());
  }, 120_000);
  afterAll(() => dataSource.destroy());

  it.each(QUERIES)('pages "%s" exactly as ranking every hit does, in every window', async (query) => {
    let shown = 0;
    for (const window of WINDOWS) {
      const statement = statementFor(query, window);
      const expected = pageOf(await referenceSearchHitRows(dataSource, statement));
      expect({ window, ...pageOf(await searchHitRows(dataSource, statement)) }).toEqual({ window, ...expected });
      shown += expected.hits.length;
    }
    expect(shown).toBeGreaterThan(0);
  });

  it('agrees with scores scaled for typo corrections and with some types only', async () => {
    for (const window of WINDOWS.slice(0, 4)) {
      for (const [factor, codes] of [
        [0.8, ALL_CODES],
        [1, ALL_CODES.slice(1, 3)],
      ] as const) {
        const statement = statementFor('manage', window, factor, codes);
        expect(pageOf(await searchHitRows(dataSource, statement))).toEqual(pageOf(await referenceSearchHitRows(dataSource, statement)));
      }
    }
  });

  it('finds broad words in several tiers, so pages cross from one tier to the next', async () => {
    const statement = statementFor('data', { after: 0, before: null, first: 100, last: null });
    const scores = pageOf(await referenceSearchHitRows(dataSource, statement)).hits.map((h) => Number(h.score));
    const bands = new Set(scores.map((s) => Math.floor(s * 10)));
    expect(bands.size).toBeGreaterThan(1);
  });
});
