import type { Dataset } from '../../src/dataset/dataset.format';
import { byName } from './seed-graph';

/**
 * Related roles worked out from a dataset file alone (weighted Jaccard over skills and tools, 1
 * for ESSENTIAL and 0.5 for OPTIONAL), so tests derive what `Role.relatedRoles` must answer
 * instead of copying it from a run. Curated datasets carry no O*NET ratings, so every sum here
 * is exact and ties compare exactly.
 */

/** A role's skills and tools, keyed `Skill:slug` / `Tool:slug`, with their weights. */
function weightsOf(dataset: Dataset, role: string): Map<string, number> {
  const weight = (importance?: string) => (importance === 'ESSENTIAL' ? 1 : 0.5);
  const record = dataset.roles?.find((r) => r.slug === role);
  return new Map([
    ...(record?.skills ?? []).map((l) => [`Skill:${l.skill}`, weight(l.importance)] as const),
    ...(record?.tools ?? []).map((l) => [`Tool:${l.tool}`, weight(l.importance)] as const),
  ]);
}

/** Weighted Jaccard of two roles, and the keys of the items they share, sorted. */
export function similarity(dataset: Dataset, a: string, b: string): { score: number; shared: string[] } {
  const wa = weightsOf(dataset, a);
  const wb = weightsOf(dataset, b);
  const keys = new Set([...wa.keys(), ...wb.keys()]);
  let min = 0;
  let max = 0;
  for (const key of keys) {
    min += Math.min(wa.get(key) ?? 0, wb.get(key) ?? 0);
    max += Math.max(wa.get(key) ?? 0, wb.get(key) ?? 0);
  }
  const shared = [...keys].filter((k) => wa.has(k) && wb.has(k)).sort();
  return { score: max === 0 ? 0 : min / max, shared };
}

/** Every other role with something in common, most similar first, then by name. */
export function expectedRelated(dataset: Dataset, role: string) {
  const others = (dataset.roles ?? [])
    .filter((r) => r.slug !== role)
    .map((r) => ({ slug: r.slug, name: r.name, ...similarity(dataset, role, r.slug) }));
  return byName(others.filter((o) => o.shared.length > 0)).sort((x, y) => y.score - x.score);
}
