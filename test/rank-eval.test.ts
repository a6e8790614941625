import { evaluate, ndcgAt5, rankFixture, type Figures } from '../bench/rank-eval';
import { seededOnetDatabase } from './helpers/datasets';
import { useSeededServer, useServedDatabase, type ServedDatabase } from './helpers/served-database';

/**
 * Floors just under the measured figures (README, "Ranking evaluation"): a change that makes
 * matchRoles rank worse for these profiles fails here. The profiles go through the real server,
 * on whichever engine the suite runs on.
 */
const FLOORS = {
  seeds: { ndcgAt5: 0.97, top3Share: 1 },
  onet: { ndcgAt5: 0.5, top3Share: 0.55 },
};

const fixture = rankFixture();

const evaluateOn = (atlas: ServedDatabase, data: 'seeds' | 'onet'): Promise<Figures> =>
  evaluate((query, variables) => atlas.server.data(query, variables), fixture[data]);

it('holds at least 20 profiles, on the seeds and on O*NET', () => {
  expect(fixture.seeds.length + fixture.onet.length).toBeGreaterThanOrEqual(20);
  expect(fixture.seeds.length).toBeGreaterThan(5);
  expect(fixture.onet.length).toBeGreaterThan(5);
});

it('scores a perfect ranking 1, one without an expected role 0, and a swapped one in between', () => {
  expect(ndcgAt5([['a'], ['b'], ['c']], ['a', 'b', 'c'])).toBeCloseTo(1, 12);
  expect(ndcgAt5([['x'], ['y']], ['a', 'b'])).toBe(0);
  expect(ndcgAt5([['b'], ['a']], ['a', 'b'])).toBeLessThan(1);
});

describe('the ranking evaluation on the seeds', () => {
  const atlas = useSeededServer();

  it('ranks the back-end developer first for Python, PostgreSQL, Docker and REST', async () => {
    const { matchRoles } = await atlas.server.data(`{ matchRoles(tools: ["python", "postgresql", "docker", "rest"], first: 3) {
      edges { node { slug } } } }`);
    expect(matchRoles.edges[0].node.slug).toBe('backend-developer');
  });

  it('stays above its floors', async () => {
    const figures = await evaluateOn(atlas, 'seeds');
    expect(figures.ndcgAt5).toBeGreaterThanOrEqual(FLOORS.seeds.ndcgAt5);
    expect(figures.top3Share).toBeGreaterThanOrEqual(FLOORS.seeds.top3Share);
  });
});

describe('the ranking evaluation on the O*NET 29.3 release', () => {
  const atlas = useServedDatabase(seededOnetDatabase, 180_000);

  it('stays above its floors', async () => {
    const figures = await evaluateOn(atlas, 'onet');
    expect(figures.ndcgAt5).toBeGreaterThanOrEqual(FLOORS.onet.ndcgAt5);
    expect(figures.top3Share).toBeGreaterThanOrEqual(FLOORS.onet.top3Share);
  });
});
