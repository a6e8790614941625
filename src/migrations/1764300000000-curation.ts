import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The node tables, which gain a `revision` for optimistic concurrency. */
const VERSIONED = ['role', 'responsibility', 'skill', 'tool', 'category', 'source'] as const;

/**
 * Curation through the API (issue 9): API keys, the audit trail that is also the change feed, the
 * links curators removed (which contributing imports do not assert again), and
 * a revision on every entity, which starts at 1 and grows with every update.
 */
export class Curation1764300000000 implements MigrationInterface {
  name = 'Curation1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar NOT NULL, "prefix" varchar NOT NULL, "salt" varchar NOT NULL, "hash" varchar NOT NULL, "scope" varchar NOT NULL, "sourceId" integer NOT NULL, "createdAt" varchar NOT NULL, "revokedAt" varchar, CONSTRAINT "FK_8f80631da26bc47fe11b97266ea" FOREIGN KEY ("sourceId") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_api_key_prefix" ON "api_key" ("prefix")`);
    await queryRunner.query(
      `CREATE TABLE "change_record" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "dataVersion" integer NOT NULL, "at" varchar NOT NULL, "apiKeyId" integer, "actor" varchar NOT NULL, "operation" varchar NOT NULL, "list" varchar NOT NULL, "slug" varchar NOT NULL, "action" varchar NOT NULL, "before" text, "after" text)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_change_record_data_version" ON "change_record" ("dataVersion")`);
    await queryRunner.query(
      `CREATE TABLE "retraction" ("subjectType" varchar NOT NULL, "fromId" integer NOT NULL, "toId" integer NOT NULL, PRIMARY KEY ("subjectType", "fromId", "toId"))`,
    );
    // ADD COLUMN keeps each table (and the search index's triggers on it) in place.
    for (const table of VERSIONED) await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "revision" integer NOT NULL DEFAULT (1)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of VERSIONED) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "revision"`);
    await queryRunner.query(`DROP TABLE "retraction"`);
    await queryRunner.query(`DROP TABLE "change_record"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
