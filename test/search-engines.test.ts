import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../src/database';
import { search, type SearchPage } from '../src/search/search.service';
import { seed } from '../src/seed';
import { ENGINE, SEEDS_DIR, seededDatabase } from './helpers/test-database';

/*
 * PostgreSQL stands in for FTS5 with its own index and functions that compute bm25, highlight()
 * and snippet() as FTS5 does (src/migrations/postgres/1764700000000-postgres-search-index.ts).
 * This suite holds it to SQLite: the same seeds on both engines, every indexed word, its
 * prefixes, pairs of words and misspellings searched on both, and every answer compared whole:
 * total, order, scores, snippets, the correction. It needs both engines, so it runs in the
 * PostgreSQL run (TEST_DATABASE_URL; CI's second pass) and is reported as skipped on SQLite alone.
 */

/** A page as plain values: what a client sees of it. */
function answer(page: SearchPage) {
  return {
    total: page.totalCount,
    corrected: page.correctedQuery,
    hits: page.items.map((hit) => ({
      type: hit.node.constructor.name,
      slug: (hit.node as { slug: string }).slug,
      position: hit.position,
      score: hit.score,
      snippet: hit.snippet,
    })),
  };
}

(ENGINE === 'postgres' ? describe : describe.skip)('search on PostgreSQL answers exactly as on SQLite (PostgreSQL)', () => {
  let sqlite: DataSource;
  let postgres: DataSource;
  let words: string[];
  beforeAll(async () => {
    sqlite = await openDatabase({ databasePath: join(mkdtempSync(join(tmpdir(), 'skill-atlas-')), 'search.sqlite'), dbLogging: false });
    await seed(sqlite, SEEDS_DIR);
    postgres = (await seededDatabase()).dataSource;
    const vocabulary: { term: string }[] = await sqlite.query(`SELECT "term" FROM "search_vocab" ORDER BY "term"`);
    words = vocabulary.map((v) => v.term);
  }, 120_000);
  afterAll(async () => {
    await sqlite?.destroy();
    await postgres?.destroy();
  });

  const both = async (query: string, first = 50) => {
    const window = { after: 0, before: null, first, last: null };
    const [a, b] = [await search(sqlite, { query, window }), await search(postgres, { query, window })];
    return { sqlite: answer(a), postgres: answer(b) };
  };

  it('holds the same vocabulary', async () => {
    const rows: { term: string }[] = await postgres.query(`SELECT "term" FROM "search_vocab" ORDER BY "term" COLLATE "C"`);
    expect(rows.map((r) => r.term)).toEqual([...words].sort((x, y) => (Buffer.from(x) < Buffer.from(y) ? -1 : x === y ? 0 : 1)));
    expect(words.length).toBeGreaterThan(300);
  });

  it('answers every indexed word the same', async () => {
    for (const word of words) {
      const { sqlite, postgres } = await both(word);
      expect({ word, ...postgres }).toEqual({ word, ...sqlite });
    }
  }, 600_000);

  it('answers prefixes, pairs of words, whole names and misspellings the same', async () => {
    const queries = [
      ...words.filter((w) => w.length > 4).map((w) => w.slice(0, 3)),
      ...words.slice(0, 200).map((w, i) => `${w} ${words[(i * 7) % words.length]}`),
      ...words.filter((w) => w.length >= 5).map((w) => `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}`),
      'backend developer',
      'Kübernetes',
      'amazon web services',
      'c++',
      'node.js',
      'REST APIs',
      'version control',
      'softwre developr',
    ];
    let found = 0;
    for (const query of queries) {
      const { sqlite, postgres } = await both(query, 20);
      expect({ query, ...postgres }).toEqual({ query, ...sqlite });
      if (sqlite.total > 0) found++;
    }
    expect(found).toBeGreaterThan(queries.length / 2);
  }, 600_000);
});
