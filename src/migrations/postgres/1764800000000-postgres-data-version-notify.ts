import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every commit that advances the data version notifies the channel `data_version` with the new
 * version, whoever wrote it (a mutation, `npm run import`, a migration), so every API process over
 * the database drops its cached answers at once (src/cache/data-version.ts listens).
 */
export class PostgresDataVersionNotify1764800000000 implements MigrationInterface {
  name = 'PostgresDataVersionNotify1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION "data_version_notify"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('data_version', NEW."version"::text); RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "data_version_notify" AFTER UPDATE ON "data_version" FOR EACH ROW EXECUTE FUNCTION "data_version_notify"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "data_version_notify" ON "data_version"`);
    await queryRunner.query(`DROP FUNCTION "data_version_notify"()`);
  }
}
