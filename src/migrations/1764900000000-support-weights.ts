import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildRoleSimilarity, rebuildRoleWeights } from '../graph/role-similarity.service';

/**
 * Link weights count the sources that support a curated link (src/model/weights.ts), so the
 * stored figures computed from the old weights are recomputed: each role's total weight
 * (`role_weight`, the denominator of matchRoles) and the stored head of each role's similarity
 * ranking (`role_similarity`). No column changes: the weight is computed from the link's
 * importance and its citations, which the citation table's primary key finds by seek. Only the
 * figures that differ are written.
 */
export class SupportWeights1764900000000 implements MigrationInterface {
  name = 'SupportWeights1764900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await rebuildRoleWeights(queryRunner);
    await rebuildRoleSimilarity(queryRunner);
  }

  /** The old weights are no longer computed anywhere: the figures stay as the new ones. */
  public async down(): Promise<void> {}
}
