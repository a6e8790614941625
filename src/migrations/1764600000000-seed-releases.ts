import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The releases of the curated seeds a database has taken in (src/dataset/seed-release.entity.ts).
 * A database that already holds roles was seeded the way start-up used to seed, when it was
 * empty: it is marked as having taken in a release ('before-releases'), so start-up leaves it as
 * it was.
 */
export class SeedReleases1764600000000 implements MigrationInterface {
  name = 'SeedReleases1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "seed_release" ("digest" varchar PRIMARY KEY NOT NULL, "appliedAt" varchar NOT NULL)`);
    await queryRunner.query(
      `INSERT INTO "seed_release" ("digest", "appliedAt") SELECT 'before-releases', '1970-01-01T00:00:00.000Z' WHERE EXISTS (SELECT 1 FROM "role")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "seed_release"`);
  }
}
