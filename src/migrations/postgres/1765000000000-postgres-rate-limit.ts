import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rate limits' windows, shared by every API process over the database
 * (src/limits/rate-limit.store.ts): one row per client (`key:<id>` or `ip:<address>`) and minute.
 * UNLOGGED: a charge writes no WAL and its commit waits for no flush, which keeps the one
 * statement a request pays cheap; the price is that a crash of the server empties the table
 * (every client's budget is full again) and replicas hold none of it (only the primary reads it).
 */
export class PostgresRateLimit1765000000000 implements MigrationInterface {
  name = 'PostgresRateLimit1765000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "rate_limit" ("bucket" text NOT NULL, "windowStart" bigint NOT NULL, "spent" bigint NOT NULL, "charged" boolean NOT NULL, CONSTRAINT "PK_rate_limit" PRIMARY KEY ("bucket", "windowStart"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit"`);
  }
}
