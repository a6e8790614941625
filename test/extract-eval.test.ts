import type { SearchableType } from '../src/search/search.types';
import { evalDocuments, evaluate, formatScores, knownEntities, type Reader, type Score } from '../bench/extract-eval';
import { seededOnetDatabase } from './helpers/datasets';
import { useSeededServer, useServedDatabase, type ServedDatabase } from './helpers/served-database';

/*
 * The labelled postings and CV fragments (test/fixtures/extract-eval.json), read through the real
 * server, must stay at or above these floors: set a little under the figures measured when the
 * rules were written (README, "Reading postings and CVs").
 */
type Floors = Partial<Record<string, { precision: number; recall: number; f1: number }>>;

const SEED_FLOORS: Floors = {
  ROLE: { precision: 0.95, recall: 0.95, f1: 0.95 },
  SKILL: { precision: 0.94, recall: 0.95, f1: 0.95 },
  TOOL: { precision: 0.95, recall: 0.95, f1: 0.95 },
  RESPONSIBILITY: { precision: 0.88, recall: 0.52, f1: 0.66 },
  ALL: { precision: 0.95, recall: 0.86, f1: 0.9 },
};

const ONET_FLOORS: Floors = {
  ROLE: { precision: 0.9, recall: 0.9, f1: 0.9 },
  SKILL: { precision: 0.94, recall: 0.94, f1: 0.94 },
  TOOL: { precision: 0.93, recall: 0.96, f1: 0.95 },
  RESPONSIBILITY: { precision: 0.76, recall: 0.4, f1: 0.52 },
  ALL: { precision: 0.9, recall: 0.82, f1: 0.86 },
};

const EXTRACT = `query ($text: String!) { extract(text: $text, minConfidence: 0.5) { type slug } }`;

function httpReader(atlas: ServedDatabase): Reader {
  return async (text) =>
    ((await atlas.server.data(EXTRACT, { text })).extract as { type: SearchableType; slug: string }[]).map(
      (e): [SearchableType, string] => [e.type, e.slug],
    );
}

function expectFloors(scores: readonly Score[], floors: Floors): void {
  const measured = Object.fromEntries(scores.map((s) => [s.type, { precision: s.precision, recall: s.recall, f1: s.f1 }]));
  for (const [type, floor] of Object.entries(floors)) {
    for (const figure of ['precision', 'recall', 'f1'] as const) {
      if (measured[type][figure] < floor![figure])
        throw new Error(`${type} ${figure} fell below ${floor![figure]}:\n${formatScores(scores)}`);
    }
  }
}

it('has at least 30 labelled documents, postings and CVs of every area', () => {
  const documents = evalDocuments();
  expect(documents.length).toBeGreaterThanOrEqual(30);
  expect(new Set(documents.map((d) => d.area))).toEqual(
    new Set(['back end', 'front end', 'data', 'DevOps', 'database administration', 'non-technical']),
  );
});

describe('extraction quality on the seeds', () => {
  const atlas = useSeededServer();

  it('stays above its floors for roles, skills, tools and responsibilities', async () => {
    const { scores } = await evaluate(evalDocuments(), httpReader(atlas), await knownEntities(atlas.dataSource));
    expectFloors(scores, SEED_FLOORS);
  });
});

describe('extraction quality on the O*NET 29.3 release', () => {
  const atlas = useServedDatabase(seededOnetDatabase, 180_000);

  it('stays above its floors for roles, skills, tools and responsibilities', async () => {
    const { scores } = await evaluate(evalDocuments(), httpReader(atlas), await knownEntities(atlas.dataSource));
    expectFloors(scores, ONET_FLOORS);
  });

  it('reads a title as the role it names, not as the O*NET occupations it is one of many alternate titles of', async () => {
    const text = 'DevOps Engineer wanted. Our Site Reliability Engineer keeps the lights on; bring your own conduit benders.';
    const read = (await atlas.server.data(EXTRACT, { text })).extract.map((e: { type: string; slug: string }) => `${e.type}:${e.slug}`);
    expect(read).toContain('ROLE:devops-developer');
    expect(read).toContain('TOOL:conduit-benders');
    for (const slug of ['software-developers', 'validation-engineers', 'aircraft-structure-surfaces-rigging-and-systems-assemblers']) {
      expect(read).not.toContain(`ROLE:${slug}`);
    }
  });

  it('reads a nursing posting into O*NET roles and tools, and matches roles by what it read', async () => {
    const text = evalDocuments().find((d) => d.id === 'nurse-posting')!.text;
    const read = (await atlas.server.data(EXTRACT, { text })).extract.map((e: { slug: string }) => e.slug);
    expect(read).toEqual(expect.arrayContaining(['registered-nurses', 'infusion-pumps', 'pulse-oximeters']));
    const match = await atlas.server.data(
      `query ($text: String!) { matchRoles(text: $text, first: 10) { totalCount edges { matchedSkills { skill { slug } } matchedTools { tool { slug } } } extracted { slug } } }`,
      {
        text,
      },
    );
    const extracted = new Set(match.matchRoles.extracted.map((e: { slug: string }) => e.slug));
    expect(match.matchRoles.totalCount).toBeGreaterThan(10);
    for (const edge of match.matchRoles.edges) {
      const matched = [...edge.matchedSkills.map((s: any) => s.skill.slug), ...edge.matchedTools.map((t: any) => t.tool.slug)];
      expect(matched.length).toBeGreaterThan(0);
      for (const slug of matched) expect(extracted.has(slug)).toBe(true);
    }
    expect(match.matchRoles.extracted.map((e: { slug: string }) => e.slug)).toContain('infusion-pumps');
  });

  it('gives the gap from a CV to an O*NET role', async () => {
    const text = evalDocuments().find((d) => d.id === 'dba-posting')!.text;
    const gap = await atlas.server.data(
      `query ($text: String!) { skillGap(to: "database-administrators", text: $text) { coverage coveredTools { tool { slug } } extracted { slug } } }`,
      { text },
    );
    expect(gap.skillGap.coverage).toBeGreaterThan(0);
    const covered = gap.skillGap.coveredTools.map((t: { tool: { slug: string } }) => t.tool.slug);
    expect(covered.every((slug: string) => gap.skillGap.extracted.some((e: { slug: string }) => e.slug === slug))).toBe(true);
  });
});
