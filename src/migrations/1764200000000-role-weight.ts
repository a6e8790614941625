import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildRoleWeights } from '../graph/role-similarity.service';

/**
 * Each role's precomputed total weight for `matchRoles` (src/graph/role-weight.entity.ts), filled
 * for the data already there by the computation the import engine runs afterwards. A later
 * migration that reshapes this table must fill it itself, since this one runs today's code.
 */
export class RoleWeight1764200000000 implements MigrationInterface {
  name = 'RoleWeight1764200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "role_weight" ("roleId" integer PRIMARY KEY NOT NULL, "totalWeight" real NOT NULL, CONSTRAINT "FK_1e14de4b69321e692d9a7cfa795" FOREIGN KEY ("roleId") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await rebuildRoleWeights(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "role_weight"`);
  }
}
