import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tombstone also keeps the names of the entity it stands for (its name and aliases, normalised),
 * so an importer that matches by name (O*NET's tools) recognises it under any slug it would mint.
 */
export class TombstoneNames1764500000000 implements MigrationInterface {
  name = 'TombstoneNames1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tombstone" ADD COLUMN "names" text NOT NULL DEFAULT ('[]')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tombstone" DROP COLUMN "names"`);
  }
}
