import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildRoleSimilarity, rebuildRoleWeights } from '../graph/role-similarity.service';

/**
 * The link tables citations name as their subject (`"citation"."subjectType"`): every table of a
 * link relation (src/model/relations.ts), as they were when this migration was written.
 */
export const CITED_LINK_TABLES = [
  'role_skill',
  'role_tool',
  'role_responsibility',
  'responsibility_skill',
  'skill_tool',
  'role_collaboration',
  'role_related',
] as const;

/** Each link row's citations counted from "citation": the backfill, and what the triggers keep. */
export const backfillSupport = (table: string) =>
  `UPDATE "${table}" SET "supportCount" = (SELECT COUNT(*) FROM "citation" c WHERE c."subjectType" = '${table}' AND c."subjectId" = "${table}"."id")`;

/** Recomputes the stored role figures from today's weights, writing only those that differ. */
export async function fillRoleFigures(queryRunner: QueryRunner): Promise<void> {
  await rebuildRoleWeights(queryRunner);
  await rebuildRoleSimilarity(queryRunner);
}

/**
 * Stores each link's support (the number of sources citing it, which its weight reads:
 * src/model/weights.ts) in a `supportCount` column of its link table, instead of counting the
 * link's citations in every statement that weighs links. Row-level triggers on "citation" keep the
 * column equal to the count whoever writes: imports, mutations, and the cascade that deletes a
 * Source's citations. A citation naming a link row that does not exist (the row was deleted first)
 * updates nothing.
 *
 * Then it fills the stored role figures (`role_weight`, `role_similarity`) by today's computation,
 * which reads the new column: the migrations that created those tables (and 1764900000000, which
 * recomputed them) leave that to this one. The weights equal those of 1764900000000, so on a
 * database that ran it nothing is written (only figures that differ are). A later migration that
 * changes what weights read takes this over.
 */
export class StoredSupport1765100000000 implements MigrationInterface {
  name = 'StoredSupport1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of CITED_LINK_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "supportCount" integer NOT NULL DEFAULT (0)`);
      await queryRunner.query(backfillSupport(table));
      const when = (row: 'NEW' | 'OLD') => `${row}."subjectType" = '${table}'`;
      const change = (row: 'NEW' | 'OLD', by: '+ 1' | '- 1') =>
        `UPDATE "${table}" SET "supportCount" = "supportCount" ${by} WHERE ${when(row)} AND "id" = ${row}."subjectId";`;
      const trigger = (event: string, on: string, body: string) =>
        queryRunner.query(`CREATE TRIGGER "support_${table}_${event}" AFTER ${on} ON "citation" FOR EACH ROW WHEN ${body} END`);
      await trigger('insert', 'INSERT', `${when('NEW')} BEGIN ${change('NEW', '+ 1')}`);
      await trigger('delete', 'DELETE', `${when('OLD')} BEGIN ${change('OLD', '- 1')}`);
      // Citations are not updated today; if one ever is, its old subject loses it and its new one gains it.
      await trigger(
        'update',
        'UPDATE OF "subjectType", "subjectId"',
        `${when('OLD')} OR ${when('NEW')} BEGIN ${change('OLD', '- 1')} ${change('NEW', '+ 1')}`,
      );
    }
    await fillRoleFigures(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of CITED_LINK_TABLES) {
      for (const event of ['insert', 'delete', 'update']) await queryRunner.query(`DROP TRIGGER "support_${table}_${event}"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "supportCount"`);
    }
  }
}
