import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../../src/dataset/dataset.format';
import { projectRoot } from '../../src/shared/project-root';
import { importOnet } from '../../src/onet/onet.import';
import { SEEDS_DIR, seededDatabase } from './test-database';

/**
 * The real O*NET 29.3 release, kept next to the project (never copied into it). The suites that
 * need it fail without it rather than skip: CI runs with ../shared beside the clone.
 */
export function onetRelease(): string {
  const dir = join(projectRoot(), '..', 'shared', 'datasets', 'onet-29.3');
  if (!existsSync(dir)) {
    throw new Error(
      `${dir} is missing: the O*NET suites run on the real 29.3 release, which lives in ../shared/datasets beside the project.`,
    );
  }
  return dir;
}

/** A fresh database holding the curated seeds and then the real O*NET 29.3 release, as the O*NET suites start from. */
export async function seededOnetDatabase() {
  const db = await seededDatabase();
  await importOnet(db.dataSource, onetRelease());
  return db;
}

export function readSeedDataset(): Dataset {
  return JSON.parse(readFileSync(join(SEEDS_DIR, 'backend-development.json'), 'utf8')) as Dataset;
}

/**
 * The seed graph copied n times with suffixed slugs (copy k links only within copy k), for
 * proving that statement counts do not grow with the data.
 */
export function multiplyDataset(data: Dataset, n: number): Dataset {
  const copies = Array.from({ length: n }, (_, k) => k);
  const s = (slug: string, k: number) => (k === 0 ? slug : `${slug}-x${k}`);
  const links = <L extends { sources: string[] }>(list: L[] | undefined, key: keyof L, k: number) =>
    list?.map((l) => ({ ...l, [key]: s(l[key] as string, k) }));
  return {
    format: data.format,
    version: data.version,
    sources: data.sources,
    categories: data.categories,
    skills: copies.flatMap((k) => (data.skills ?? []).map((r) => ({ ...r, slug: s(r.slug, k), tools: links(r.tools, 'tool', k) }))),
    tools: copies.flatMap((k) => (data.tools ?? []).map((r) => ({ ...r, slug: s(r.slug, k) }))),
    responsibilities: copies.flatMap((k) =>
      (data.responsibilities ?? []).map((r) => ({ ...r, slug: s(r.slug, k), skills: links(r.skills, 'skill', k) })),
    ),
    roles: copies.flatMap((k) =>
      (data.roles ?? []).map((r) => ({
        ...r,
        slug: s(r.slug, k),
        broader: r.broader ? s(r.broader, k) : r.broader,
        skills: links(r.skills, 'skill', k),
        tools: links(r.tools, 'tool', k),
        responsibilities: links(r.responsibilities, 'responsibility', k),
        collaboratesWith: links(r.collaboratesWith, 'role', k),
      })),
    ),
  };
}
