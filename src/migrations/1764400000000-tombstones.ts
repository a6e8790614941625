import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Entities curators deleted through the API that a contributing import (O*NET) would otherwise
 * create again (src/import/tombstone.entity.ts).
 */
export class Tombstones1764400000000 implements MigrationInterface {
  name = 'Tombstones1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tombstone" ("nodeType" varchar NOT NULL, "slug" varchar NOT NULL, "externalCode" varchar, PRIMARY KEY ("nodeType", "slug"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tombstone"`);
  }
}
