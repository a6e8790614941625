import 'reflect-metadata';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { connectDatabase, openDatabase } from '../src/database';
import { DEFAULT_TYPES } from '../src/extract/extract.matcher';
import { extract, ITEM_MIN_CONFIDENCE } from '../src/extract/extract.service';
import { namedEntityRows } from '../src/extract/extract.store';
import type { SearchableType } from '../src/search/search.types';
import { seed } from '../src/seed';
import { projectRoot } from '../src/shared/project-root';
import { onetDatabase } from './data';

/*
 * The extraction evaluation (`npm run eval:extract`): the labelled postings and CV fragments of
 * test/fixtures/extract-eval.json are read with `extract` on the seeds and on seeds + O*NET 29.3,
 * and precision, recall and F1 are printed per type. test/extract-eval.test.ts holds the floors.
 */

export const EVAL_FILE = join(projectRoot(), 'test', 'fixtures', 'extract-eval.json');

/** One labelled text: [type, slug] pairs a careful reader marks. */
export interface EvalDocument {
  id: string;
  area: string;
  text: string;
  entities: [SearchableType, string][];
}

export function evalDocuments(): EvalDocument[] {
  return (JSON.parse(readFileSync(EVAL_FILE, 'utf8')) as { documents: EvalDocument[] }).documents;
}

/** Counts and figures of one type (or of all, `ALL`). */
export interface Score {
  type: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** What went wrong, for reading: wrong finds and misses per document. */
export interface Mistake {
  id: string;
  falsePositives: string[];
  falseNegatives: string[];
}

/** What a text reads as: [type, slug] pairs. */
export type Reader = (text: string) => Promise<[SearchableType, string][]>;

/**
 * Scores a reader against the documents. Labels that name an entity the database does not hold
 * (`known` lacks it) are left out: no reader could find them there.
 */
export async function evaluate(
  documents: readonly EvalDocument[],
  read: Reader,
  known: ReadonlySet<string>,
): Promise<{ scores: Score[]; mistakes: Mistake[] }> {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (type: string, field: 'tp' | 'fp' | 'fn') => {
    for (const t of [type, 'ALL']) {
      const c = counts.get(t) ?? { tp: 0, fp: 0, fn: 0 };
      c[field]++;
      counts.set(t, c);
    }
  };
  const mistakes: Mistake[] = [];
  for (const doc of documents) {
    const gold = new Set(doc.entities.map(([t, s]) => `${t}:${s}`).filter((k) => known.has(k)));
    const found = new Set((await read(doc.text)).map(([t, s]) => `${t}:${s}`));
    const mistake: Mistake = { id: doc.id, falsePositives: [], falseNegatives: [] };
    for (const key of found) {
      if (gold.has(key)) bump(key.split(':')[0], 'tp');
      else {
        bump(key.split(':')[0], 'fp');
        mistake.falsePositives.push(key);
      }
    }
    for (const key of gold) {
      if (!found.has(key)) {
        bump(key.split(':')[0], 'fn');
        mistake.falseNegatives.push(key);
      }
    }
    if (mistake.falsePositives.length || mistake.falseNegatives.length) mistakes.push(mistake);
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  const scores = [...DEFAULT_TYPES, 'ALL'].map((type): Score => {
    const { tp, fp, fn } = counts.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { type, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
  });
  return { scores, mistakes };
}

/** Every `TYPE:slug` a database holds. */
export async function knownEntities(dataSource: DataSource): Promise<Set<string>> {
  return new Set((await namedEntityRows(dataSource)).map((r) => `${r.type}:${r.slug}`));
}

/** The service as matchRoles and the evaluation use it: the default types, confidence ITEM_MIN_CONFIDENCE or more. */
export function serviceReader(dataSource: DataSource): Reader {
  return async (text) =>
    (await extract(dataSource, dataSource, { text, minConfidence: ITEM_MIN_CONFIDENCE })).map((e): [SearchableType, string] => [
      e.type,
      e.slug,
    ]);
}

export function formatScores(scores: readonly Score[]): string {
  const pct = (n: number) => `${(n * 100).toFixed(1)} %`.padStart(8);
  const lines = [`${'type'.padEnd(16)}${'TP'.padStart(5)}${'FP'.padStart(5)}${'FN'.padStart(5)} precision   recall       F1`];
  for (const s of scores) {
    lines.push(
      `${s.type.padEnd(16)}${String(s.truePositives).padStart(5)}${String(s.falsePositives).padStart(5)}${String(s.falseNegatives).padStart(5)}  ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`,
    );
  }
  return lines.join('\n');
}

async function report(name: string, dataSource: DataSource, verbose: boolean): Promise<void> {
  const { scores, mistakes } = await evaluate(evalDocuments(), serviceReader(dataSource), await knownEntities(dataSource));
  console.log(`\n${name} (${evalDocuments().length} documents)\n${formatScores(scores)}`);
  if (verbose)
    for (const m of mistakes)
      console.log(`  ${m.id}: wrong ${m.falsePositives.join(' ') || '-'} | missed ${m.falseNegatives.join(' ') || '-'}`);
}

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  const dir = mkdtempSync(join(tmpdir(), 'skill-atlas-eval-'));
  try {
    const seeds = await openDatabase({ databasePath: join(dir, 'seeds.sqlite'), dbLogging: false });
    await seed(seeds, join(projectRoot(), 'seeds'));
    await report('seeds', seeds, verbose);
    await seeds.destroy();
    const copy = join(dir, 'onet.sqlite');
    copyFileSync(await onetDatabase((line) => console.error(line)), copy);
    const onet = await connectDatabase({ databasePath: copy, dbLogging: false });
    await report('seeds + O*NET 29.3', onet, verbose);
    await onet.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
