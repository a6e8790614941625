import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Precomputed role similarity for `Role.relatedRoles` (src/graph/role-similarity.entity.ts), which
 * the import engine computes after each write. The rows for the data already there are
 * filled by 1765100000000-stored-support, not here: the computation is today's code, which reads
 * link columns added since (`supportCount`), so the last migration that changes what weights read fills it.
 */
export class RoleSimilarity1764100000000 implements MigrationInterface {
  name = 'RoleSimilarity1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "role_similarity" ("roleId" integer NOT NULL, "otherId" integer NOT NULL, "sharedWeight" real NOT NULL, "unionWeight" real NOT NULL, "relatedCount" integer NOT NULL, CONSTRAINT "FK_ddf3c4da978e953662d37721071" FOREIGN KEY ("roleId") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_f2c0c66f4f5c21c37dcf33e5a87" FOREIGN KEY ("otherId") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("roleId", "otherId"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_role_similarity_otherId" ON "role_similarity" ("otherId")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "role_similarity"`);
  }
}
