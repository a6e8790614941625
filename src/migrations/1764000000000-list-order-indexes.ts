import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index per top-level list in its default order (name, case-insensitively, then id), so a first
 * page is a short index walk instead of a sort of the whole table. TypeORM's entity decorators
 * cannot say COLLATE, so the entities declare these with `synchronize: false` and this migration
 * creates them.
 */
export const LISTS = [
  ['role', 'name'],
  ['responsibility', 'name'],
  ['skill', 'name'],
  ['tool', 'name'],
  ['category', 'name'],
  ['source', 'title'],
] as const;

export class ListOrderIndexes1764000000000 implements MigrationInterface {
  name = 'ListOrderIndexes1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of LISTS) {
      await queryRunner.query(`CREATE INDEX "IDX_${table}_order_${column}" ON "${table}" ("${column}" COLLATE NOCASE, "id")`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of LISTS) await queryRunner.query(`DROP INDEX "IDX_${table}_order_${column}"`);
  }
}
