import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each role's precomputed total weight for `matchRoles` (src/graph/role-weight.entity.ts), which
 * the import engine computes after each write. The rows for the data already there are
 * filled by 1765100000000-stored-support, not here: the computation is today's code, which reads
 * link columns added since (`supportCount`), so the last migration that changes what weights read fills it.
 */
export class RoleWeight1764200000000 implements MigrationInterface {
  name = 'RoleWeight1764200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "role_weight" ("roleId" integer PRIMARY KEY NOT NULL, "totalWeight" real NOT NULL, CONSTRAINT "FK_1e14de4b69321e692d9a7cfa795" FOREIGN KEY ("roleId") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "role_weight"`);
  }
}
