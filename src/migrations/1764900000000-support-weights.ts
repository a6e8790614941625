import type { MigrationInterface } from 'typeorm';

/**
 * Link weights count the sources that support a curated link (src/model/weights.ts), so the
 * stored figures computed from the old weights are recomputed: each role's total weight
 * (`role_weight`, the denominator of matchRoles) and the stored head of each role's similarity
 * ranking (`role_similarity`). The recomputation now runs in 1765100000000-stored-support, which
 * stores the support it reads (`supportCount`); this migration, which once ran it by counting
 * each link's citations, keeps its place in the list and does nothing.
 */
export class SupportWeights1764900000000 implements MigrationInterface {
  name = 'SupportWeights1764900000000';

  public async up(): Promise<void> {}

  /** The old weights are no longer computed anywhere: the figures stay as the new ones. */
  public async down(): Promise<void> {}
}
