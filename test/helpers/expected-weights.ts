/**
 * A curated link's weight worked out from the dataset file alone, independently of
 * src/model/weights.ts: importance (1 for ESSENTIAL, 0.5 for OPTIONAL, the default) times Laplace's rule of
 * succession over the sources the link lists, (sources + 1) / (sources + 2), to the nearest
 * multiple of 1/65536 (so that sums of weights are exact).
 */
export function curatedWeight(link: { importance?: string | null; sources: readonly string[] }): number {
  const importance = link.importance === 'ESSENTIAL' ? 1 : 0.5;
  const n = new Set(link.sources).size;
  return Math.round(((importance * (n + 1)) / (n + 2)) * 65536) / 65536;
}

/**
 * Best score first, for a list already in name order: scores within 1e-12 of each other are ties
 * (the server's compensated sums and these plain ones can differ in the last bits), which keep
 * their name order.
 */
export function byScoreThenName<T extends { score: number }>(sorted: T[]): T[] {
  return sorted.sort((a, b) => (Math.abs(b.score - a.score) < 1e-12 ? 0 : b.score - a.score));
}

/**
 * matchRoles' score as the schema documents it, worked out independently: the F-measure with
 * β = 0.2 of coverage (the share of the role's weight given) and usage (the matched weight per item given).
 */
export function matchScore(coverage: number, usage: number): number {
  const b2 = 0.2 * 0.2;
  return coverage === 0 ? 0 : ((1 + b2) * coverage * usage) / (b2 * usage + coverage);
}
