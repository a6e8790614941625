import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The searchable tables, the column holding each one's prose, and the code its rows carry in the index. */
export const SEARCHED = [
  { table: 'category', code: 1, body: 'description', aliases: false },
  { table: 'responsibility', code: 2, body: 'description', aliases: false },
  { table: 'role', code: 3, body: 'summary', aliases: true },
  { table: 'skill', code: 4, body: 'description', aliases: true },
  { table: 'tool', code: 5, body: 'description', aliases: true },
] as const;

type Searched = (typeof SEARCHED)[number];

/** The JSON alias list of `row` as one alias per line: readable in snippets, and exact matches stay testable. */
function aliasLines(spec: Searched, row: string): string {
  if (!spec.aliases) return `''`;
  const aliases = `${row}"aliases"`;
  return `CASE WHEN json_valid(${aliases}) THEN COALESCE((SELECT group_concat("value", char(10)) FROM json_each(${aliases})), '') ELSE ${aliases} END`;
}

/** The index row of an entity row: `row` is `new.`, `old.` or an empty prefix for a plain SELECT. */
function indexRow(spec: Searched, row: string): string {
  return `${row}"id" * 8 + ${spec.code}, ${row}"name", ${aliasLines(spec, row)}, ${row}"${spec.body}"`;
}

function triggers(spec: Searched): string[] {
  const { table, code, body } = spec;
  const watched = ['id', 'name', ...(spec.aliases ? ['aliases'] : []), body];
  const changed = watched.map((c) => `old."${c}" IS NOT new."${c}"`).join(' OR ');
  const insert = `INSERT INTO "search_index" ("rowid", "name", "aliases", "body") VALUES (${indexRow(spec, 'new.')});`;
  const remove = `DELETE FROM "search_index" WHERE "rowid" = old."id" * 8 + ${code};`;
  return [
    `CREATE TRIGGER "search_index_${table}_insert" AFTER INSERT ON "${table}" BEGIN ${insert} END`,
    // Only when an indexed column really changes: an upsert that rewrites a row with the same
    // values (every re-seed and re-import does) leaves the index, and its pages, untouched.
    `CREATE TRIGGER "search_index_${table}_update" AFTER UPDATE OF ${watched.map((c) => `"${c}"`).join(', ')} ON "${table}" WHEN ${changed} BEGIN ${remove} ${insert} END`,
    `CREATE TRIGGER "search_index_${table}_delete" AFTER DELETE ON "${table}" BEGIN ${remove} END`,
  ];
}

/**
 * Full-text search over roles, responsibilities, skills, tools and categories: one FTS5 table with
 * the name, the aliases (one per line) and the description (a role's summary) of every row, and a
 * vocabulary view of it for typo tolerance.
 *
 * The index row id is `entity id * 8 + table code` (category 1, responsibility 2, role 3, skill 4,
 * tool 5), so a trigger finds its row without a lookup and a hit names its entity without a join.
 *
 * SQL triggers keep it in sync, so every writer (seeds, dataset import, the O*NET import, a manual
 * UPDATE) keeps it current without knowing it exists. Caveat for later migrations: SQLite changes
 * a column by rebuilding the table, and dropping the old table drops its triggers; a migration that
 * rebuilds one of these tables must create its three triggers again (test/search.test.ts checks
 * they exist).
 *
 * The tokenizer folds case and strips diacritics (remove_diacritics 2 also folds letters with
 * several marks), and prefix indexes for 2, 3 and 4 characters keep `kube*` queries fast.
 */
export class SearchIndex1763800000000 implements MigrationInterface {
  name = 'SearchIndex1763800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE VIRTUAL TABLE "search_index" USING fts5("name", "aliases", "body", tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')`,
    );
    await queryRunner.query(`CREATE VIRTUAL TABLE "search_vocab" USING fts5vocab("search_index", 'row')`);
    for (const spec of SEARCHED) {
      await queryRunner.query(
        `INSERT INTO "search_index" ("rowid", "name", "aliases", "body") SELECT ${indexRow(spec, '')} FROM "${spec.table}"`,
      );
      for (const trigger of triggers(spec)) await queryRunner.query(trigger);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of SEARCHED) {
      for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER "search_index_${table}_${event}"`);
    }
    await queryRunner.query(`DROP TABLE "search_vocab"`);
    await queryRunner.query(`DROP TABLE "search_index"`);
  }
}
