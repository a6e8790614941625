import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillSupport, CITED_LINK_TABLES, fillRoleFigures } from '../1765100000000-stored-support';

/**
 * The change of a statement's citations to each link's support, `sign` + for rows added and -
 * for rows removed: one pass over the statement's rows (`rows`, a transition table) grouped by
 * subject, then one UPDATE of each link table with the links it names.
 */
const applyDelta = (rows: string, sign: '+' | '-') => {
  const update = (table: string) =>
    `UPDATE "${table}" l SET "supportCount" = l."supportCount" ${sign} d.n FROM d WHERE d."subjectType" = '${table}' AND l."id" = d."subjectId"`;
  // Data-modifying WITH clauses run once each, referenced or not; the last table's UPDATE is the statement itself.
  const before = CITED_LINK_TABLES.slice(0, -1).map((table, i) => `u${i} AS (${update(table)})`);
  return `WITH d AS MATERIALIZED (SELECT "subjectType", "subjectId", COUNT(*)::integer AS n FROM ${rows} GROUP BY "subjectType", "subjectId"), ${before.join(', ')} ${update(CITED_LINK_TABLES[CITED_LINK_TABLES.length - 1])}`;
};

const FUNCTION = `CREATE FUNCTION "support_count_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN ${applyDelta('old_rows', '-')}; END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN ${applyDelta('new_rows', '+')}; END IF;
    RETURN NULL;
  END
$$`;

/**
 * PostgreSQL's run of 1765100000000-stored-support: the same `supportCount` columns and backfill,
 * kept by statement-level triggers on "citation" with transition tables (as the search index's,
 * 1764700000000-postgres-search-index), so a bulk import's hundred thousand citations update each
 * link once per statement rather than once per row. Cascaded deletes (a Source's citations) fire
 * them too. Then the stored role figures, as on SQLite.
 *
 * The price is paid by bulk writes: each cited link row gets a new version per statement, with its
 * index entries (the pages are full, so the updates are not HOT). `npm run bench:import -- --postgres`
 * took 32.0 s for the first O*NET import (186,000 citations) instead of 28.5 s without the triggers
 * (one run each on a loaded machine); a re-import writes few citations. On SQLite the bench showed
 * no measurable cost.
 */
export class PostgresStoredSupport1765100000000 implements MigrationInterface {
  name = 'PostgresStoredSupport1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of CITED_LINK_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "supportCount" integer NOT NULL DEFAULT 0`);
      await queryRunner.query(backfillSupport(table));
    }
    await queryRunner.query(FUNCTION);
    const trigger = (event: string, referencing: string) =>
      queryRunner.query(
        `CREATE TRIGGER "support_count_${event}" AFTER ${event.toUpperCase()} ON "citation" REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION "support_count_sync"()`,
      );
    await trigger('insert', 'NEW TABLE AS new_rows');
    await trigger('update', 'OLD TABLE AS old_rows NEW TABLE AS new_rows');
    await trigger('delete', 'OLD TABLE AS old_rows');
    await fillRoleFigures(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER "support_count_${event}" ON "citation"`);
    await queryRunner.query(`DROP FUNCTION "support_count_sync"`);
    for (const table of CITED_LINK_TABLES) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "supportCount"`);
  }
}
