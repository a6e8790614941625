import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/database';
import { seed } from '../src/seed';
import { startServer } from '../src/server';
import { projectRoot } from '../src/shared/project-root';
import { onetDatabase } from './data';

/**
 * The labelled evaluation of `matchRoles`: person profiles (test/fixtures/rank-profiles.json)
 * with the roles a careful reader would rank first, scored by nDCG@5 and by the share of profiles
 * whose most fitting role is in the top 3. `npm run eval:rank` prints the figures;
 * test/rank-eval.test.ts holds them above floors.
 */

/** A person as the skills and tools they list, and the roles that fit them, most fitting first. */
export interface Profile {
  name: string;
  skills?: string[];
  tools?: string[];
  /** Role slugs, or `onet:<O*NET-SOC code>`. */
  expected: string[];
}

export interface RankFixture {
  seeds: Profile[];
  onet: Profile[];
}

export interface ProfileResult {
  name: string;
  expected: string[];
  /** The top 5, each as its slug. */
  ranked: string[];
  ndcg: number;
  top3: boolean;
}

export interface Figures {
  profiles: number;
  ndcgAt5: number;
  top3Share: number;
  results: ProfileResult[];
}

export const CUTOFF = 5;

export function rankFixture(): RankFixture {
  return JSON.parse(readFileSync(join(projectRoot(), 'test', 'fixtures', 'rank-profiles.json'), 'utf8')) as RankFixture;
}

/** Graded relevance: 3 for the most fitting role, 2 for the next, 1 for the rest listed. */
const gain = (position: number) => Math.max(1, 3 - position);

const discounted = (gains: readonly number[]) => gains.slice(0, CUTOFF).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);

/** nDCG@5 of one ranking (role keys) against the expected roles, most fitting first. */
export function ndcgAt5(ranked: readonly (readonly string[])[], expected: readonly string[]): number {
  const gainOf = (keys: readonly string[]) => {
    const at = expected.findIndex((e) => keys.includes(e));
    return at < 0 ? 0 : gain(at);
  };
  const ideal = discounted(expected.map((_e, i) => gain(i)));
  return discounted(ranked.map(gainOf)) / ideal;
}

/** matchRoles' answer, as much of it as the evaluation reads. */
interface MatchData {
  matchRoles: { edges: { node: { slug: string; externalCode: string | null } }[] };
}

type Query = (query: string, variables: Record<string, unknown>) => Promise<unknown>;

const MATCH = `query Match($skills: [ID!], $tools: [ID!]) {
  matchRoles(skills: $skills, tools: $tools, first: ${CUTOFF}) { edges { node { slug externalCode } } }
}`;

/** Runs every profile through `matchRoles` and scores the rankings. */
export async function evaluate(query: Query, profiles: readonly Profile[]): Promise<Figures> {
  const results: ProfileResult[] = [];
  for (const profile of profiles) {
    const data = (await query(MATCH, { skills: profile.skills ?? [], tools: profile.tools ?? [] })) as MatchData;
    const nodes = data.matchRoles.edges.map((e) => e.node);
    const keys = nodes.map((n) => (n.externalCode ? [n.slug, `onet:${n.externalCode}`] : [n.slug]));
    results.push({
      name: profile.name,
      expected: profile.expected,
      ranked: nodes.map((n) => n.slug),
      ndcg: ndcgAt5(keys, profile.expected),
      top3: keys.slice(0, 3).some((k) => k.includes(profile.expected[0])),
    });
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    profiles: results.length,
    ndcgAt5: mean(results.map((r) => r.ndcg)),
    top3Share: mean(results.map((r) => (r.top3 ? 1 : 0))),
    results,
  };
}

/** Serves a database over real HTTP for the duration of `run`, which gets a GraphQL client. */
export async function withServer<T>(dataSource: DataSource, run: (query: Query) => Promise<T>): Promise<T> {
  const server = await startServer(dataSource, 0, { ...loadConfig(), logLevel: 'silent' });
  try {
    return await run(async (query, variables) => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
      return body.data;
    });
  } finally {
    await server.stop();
  }
}

/** A fresh database holding the curated seeds. */
export async function seedsDatabase(): Promise<DataSource> {
  const dataSource = await openDatabase({
    databasePath: join(mkdtempSync(join(tmpdir(), 'skill-atlas-eval-')), 'seeds.sqlite'),
    dbLogging: false,
  });
  await seed(dataSource, join(projectRoot(), 'seeds'));
  return dataSource;
}

/** A copy of the cached seeds + O*NET 29.3 database (bench/data.ts builds it once). */
export async function onetEvalDatabase(log: (line: string) => void, file?: string): Promise<DataSource> {
  const copy = join(mkdtempSync(join(tmpdir(), 'skill-atlas-eval-')), 'onet.sqlite');
  copyFileSync(file ?? (await onetDatabase(log)), copy);
  return openDatabase({ databasePath: copy, dbLogging: false });
}

/** Both evaluations: on the seeds, and on the seeds with O*NET. */
export async function evaluateAll(log: (line: string) => void, onetFile?: string): Promise<{ seeds: Figures; onet: Figures }> {
  const fixture = rankFixture();
  const seedsDb = await seedsDatabase();
  const seeds = await withServer(seedsDb, (query) => evaluate(query, fixture.seeds)).finally(() => seedsDb.destroy());
  const onetDb = await onetEvalDatabase(log, onetFile);
  const onet = await withServer(onetDb, (query) => evaluate(query, fixture.onet)).finally(() => onetDb.destroy());
  return { seeds, onet };
}
