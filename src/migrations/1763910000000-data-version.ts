import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The data version every import advances and the response cache keys by: one row, starting at 0. */
export class DataVersion1763910000000 implements MigrationInterface {
  name = 'DataVersion1763910000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "data_version" ("id" integer PRIMARY KEY NOT NULL, "version" integer NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "data_version" ("id", "version") VALUES (1, 0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "data_version"`);
  }
}
