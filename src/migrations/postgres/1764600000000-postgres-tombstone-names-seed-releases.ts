import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL's copy of SQLite's 1764500000000-tombstone-names and 1764600000000-seed-releases: a
 * tombstone's normalised names, and the seed releases a database has taken in (one that already
 * holds roles is marked as seeded the old way, 'before-releases').
 */
export class PostgresTombstoneNamesSeedReleases1764600000000 implements MigrationInterface {
  name = 'PostgresTombstoneNamesSeedReleases1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tombstone" ADD "names" text NOT NULL DEFAULT '[]'`);
    await queryRunner.query(
      `CREATE TABLE "seed_release" ("digest" character varying NOT NULL, "appliedAt" character varying NOT NULL, CONSTRAINT "PK_seed_release" PRIMARY KEY ("digest"))`,
    );
    await queryRunner.query(
      `INSERT INTO "seed_release" ("digest", "appliedAt") SELECT 'before-releases', '1970-01-01T00:00:00.000Z' WHERE EXISTS (SELECT 1 FROM "role")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "seed_release"`);
    await queryRunner.query(`ALTER TABLE "tombstone" DROP COLUMN "names"`);
  }
}
