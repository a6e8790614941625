import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What external taxonomies (O*NET) bring: role codes and job zones, tool kinds, ratings on the
 * role–skill, role–tool and role–responsibility links, and ranked related roles.
 */
export class ExternalTaxonomies1763700000000 implements MigrationInterface {
  name = 'ExternalTaxonomies1763700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "role" ADD COLUMN "externalCode" varchar`);
    await queryRunner.query(`ALTER TABLE "role" ADD COLUMN "jobZone" integer`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_role_external_code" ON "role" ("externalCode")`);
    await queryRunner.query(`CREATE INDEX "IDX_role_job_zone" ON "role" ("jobZone")`);
    await queryRunner.query(`ALTER TABLE "tool" ADD COLUMN "kind" varchar NOT NULL DEFAULT ('TECHNOLOGY')`);
    await queryRunner.query(`ALTER TABLE "role_responsibility" ADD COLUMN "importance" varchar`);
    await queryRunner.query(`ALTER TABLE "role_skill" ADD COLUMN "importanceScore" real`);
    await queryRunner.query(`ALTER TABLE "role_skill" ADD COLUMN "level" real`);
    await queryRunner.query(`ALTER TABLE "role_tool" ADD COLUMN "hotTechnology" boolean`);
    await queryRunner.query(`ALTER TABLE "role_tool" ADD COLUMN "inDemand" boolean`);
    await queryRunner.query(
      `CREATE TABLE "role_related" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roleId" integer NOT NULL, "relatedRoleId" integer NOT NULL, "tier" varchar NOT NULL, "rank" integer NOT NULL, CONSTRAINT "UQ_role_related" UNIQUE ("roleId", "relatedRoleId"), CONSTRAINT "FK_d5cce582db30b3062672f1de8fa" FOREIGN KEY ("roleId") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_987ca786a3e0024cdfd1fc0180f" FOREIGN KEY ("relatedRoleId") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_role_related_relatedRoleId" ON "role_related" ("relatedRoleId")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "role_related"`);
    await queryRunner.query(`ALTER TABLE "role_tool" DROP COLUMN "inDemand"`);
    await queryRunner.query(`ALTER TABLE "role_tool" DROP COLUMN "hotTechnology"`);
    await queryRunner.query(`ALTER TABLE "role_skill" DROP COLUMN "level"`);
    await queryRunner.query(`ALTER TABLE "role_skill" DROP COLUMN "importanceScore"`);
    await queryRunner.query(`ALTER TABLE "role_responsibility" DROP COLUMN "importance"`);
    await queryRunner.query(`ALTER TABLE "tool" DROP COLUMN "kind"`);
    await queryRunner.query(`DROP INDEX "IDX_role_job_zone"`);
    await queryRunner.query(`DROP INDEX "IDX_role_external_code"`);
    await queryRunner.query(`ALTER TABLE "role" DROP COLUMN "jobZone"`);
    await queryRunner.query(`ALTER TABLE "role" DROP COLUMN "externalCode"`);
  }
}
