import type { Dataset } from '../../src/dataset/dataset.format';
import { byScoreThenName, curatedWeight } from './expected-weights';
import { byName } from './seed-graph';

/**
 * Related roles worked out from a dataset file alone (weighted Jaccard over skills and tools,
 * each weighing its importance times the support of the sources it lists: expected-weights.ts), so tests derive what `Role.relatedRoles` must answer
 * instead of copying it from a run. Curated datasets carry no O*NET ratings; sums are compared to 12 digits.
 */

/** A role's skills and tools, keyed `Skill:slug` / `Tool:slug`, with their weights. */
function weightsOf(dataset: Dataset, role: string): Map<string, number> {
  const record = dataset.roles?.find((r) => r.slug === role);
  return new Map([
    ...(record?.skills ?? []).map((l) => [`Skill:${l.skill}`, curatedWeight(l)] as const),
    ...(record?.tools ?? []).map((l) => [`Tool:${l.tool}`, curatedWeight(l)] as const),
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
  return byScoreThenName(byName(others.filter((o) => o.shared.length > 0)));
}
