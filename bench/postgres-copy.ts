import type { Client } from 'pg';
import sqlite3 from 'sqlite3';

/**
 * Copies the tables the side-by-side queries read from a benchmark SQLite database into an empty
 * PostgreSQL database: the same table and column names, the same rows and ids, the same primary
 * keys, unique constraints, foreign keys and indexes (read from SQLite's own catalogue, so the copy
 * follows the migrations). SQLite's `COLLATE NOCASE` index columns become `lower(column)`, which
 * in a C-locale database folds ASCII letters only and compares bytes, as NOCASE does.
 *
 * For PostGraphile, each node table also gets a `sort_name` computed column (`@sortable`), so
 * `orderBy: [SORT_NAME_ASC, ID_ASC]` orders like Skill Atlas (name case-insensitively, then id);
 * the SQL function is inlined by the planner, so the `lower(name), id` index serves it.
 */

/** The tables, parents before children. Node tables have a `name` column. */
const NODE_TABLES = ['category', 'role', 'skill', 'tool', 'responsibility'] as const;
const LINK_TABLES = ['role_skill', 'role_tool', 'role_responsibility', 'skill_tool'] as const;
const TABLES = [...NODE_TABLES, ...LINK_TABLES];

const ROWS_PER_INSERT = 5000;

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}
interface ForeignKeyInfo {
  id: number;
  table: string;
  from: string;
  to: string;
}
interface IndexInfo {
  name: string;
  unique: number;
  origin: 'c' | 'u' | 'pk';
  partial: number;
}
interface IndexColumnInfo {
  name: string | null;
  coll: string;
  key: number;
}

function all<T>(db: sqlite3.Database, statement: string): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(statement, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** SQLite's declared column types in our migrations, as PostgreSQL types. */
function pgType(sqliteType: string): string {
  switch (sqliteType.toLowerCase()) {
    case 'integer':
      return 'integer';
    case 'bigint':
      return 'bigint';
    case 'varchar':
    case 'text':
      return 'text';
    case 'real':
      return 'double precision';
    case 'boolean':
      return 'boolean';
    default:
      throw new Error(`no PostgreSQL type for the SQLite column type ${sqliteType}`);
  }
}

/** Copies the tables; returns the number of rows copied per table. */
export async function copyToPostgres(sqliteFile: string, pg: Client): Promise<Record<string, number>> {
  const db = new sqlite3.Database(sqliteFile, sqlite3.OPEN_READONLY);
  const counts: Record<string, number> = {};
  const afterLoad: string[] = [];
  try {
    for (const table of TABLES) {
      const columns = await all<ColumnInfo>(db, `PRAGMA table_info(${quote(table)})`);
      const keys = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      const definitions = columns.map((c) => `${quote(c.name)} ${pgType(c.type)}${c.notnull ? ' NOT NULL' : ''}`);
      definitions.push(`PRIMARY KEY (${keys.map((c) => quote(c.name)).join(', ')})`);
      await pg.query(`CREATE TABLE ${quote(table)} (${definitions.join(', ')})`);

      // Constraints and indexes after the rows, as a bulk load should (and self-references need).
      for (const fk of await all<ForeignKeyInfo>(db, `PRAGMA foreign_key_list(${quote(table)})`)) {
        afterLoad.push(`ALTER TABLE ${quote(table)} ADD FOREIGN KEY (${quote(fk.from)}) REFERENCES ${quote(fk.table)} (${quote(fk.to)})`);
      }
      for (const index of await all<IndexInfo>(db, `PRAGMA index_list(${quote(table)})`)) {
        if (index.origin === 'pk') continue;
        if (index.partial) throw new Error(`partial index ${index.name} is not copied`);
        const parts = (await all<IndexColumnInfo>(db, `PRAGMA index_xinfo(${quote(index.name)})`))
          .filter((c) => c.key)
          .map((c) => {
            if (c.name === null) throw new Error(`expression index ${index.name} is not copied`);
            return c.coll.toUpperCase() === 'NOCASE' ? `lower(${quote(c.name)})` : quote(c.name);
          });
        // A UNIQUE constraint's index has an automatic name in SQLite; PostgreSQL names it too.
        afterLoad.push(
          index.origin === 'u'
            ? `ALTER TABLE ${quote(table)} ADD UNIQUE (${parts.join(', ')})`
            : `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quote(index.name)} ON ${quote(table)} (${parts.join(', ')})`,
        );
      }

      const rows = await all<Record<string, unknown>>(db, `SELECT * FROM ${quote(table)} ORDER BY rowid`);
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        // One multi-row INSERT per batch, its rows bound as one JSON parameter.
        await pg.query(`INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(NULL::${quote(table)}, $1)`, [
          JSON.stringify(rows.slice(i, i + ROWS_PER_INSERT)),
        ]);
      }
      counts[table] = rows.length;
    }
    for (const statement of afterLoad) await pg.query(statement);
    for (const table of NODE_TABLES) {
      await pg.query(
        `CREATE FUNCTION ${quote(`${table}_sort_name`)}(r ${quote(table)}) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(r.name) $$`,
      );
      await pg.query(`COMMENT ON FUNCTION ${quote(`${table}_sort_name`)}(${quote(table)}) IS E'@sortable'`);
    }
    await pg.query('VACUUM ANALYZE');
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
  return counts;
}
