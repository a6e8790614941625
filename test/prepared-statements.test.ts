import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryFailedError } from 'typeorm';
import { openDatabase } from '../src/database';
import { preparedCount } from '../src/db/prepared';
import { rows, sql } from '../src/db/sql';
import { StatementCounter } from './helpers/statement-counter';

const open = async () => {
  const counter = new StatementCounter();
  const dataSource = await openDatabase(
    { databasePath: join(mkdtempSync(join(tmpdir(), 'skill-atlas-prepared-')), 'atlas.sqlite'), dbLogging: true },
    counter,
  );
  return { dataSource, counter };
};

describe('reads through prepared statements', () => {
  it('prepares a statement text once and runs it again with other values', async () => {
    const { dataSource } = await open();
    try {
      const before = preparedCount(dataSource);
      const answers = [];
      for (const n of [1, 2, 3]) answers.push(await rows<{ n: number }>(dataSource, sql`SELECT ${n} + 1 AS n`));
      expect(answers).toEqual([[{ n: 2 }], [{ n: 3 }], [{ n: 4 }]]);
      expect(preparedCount(dataSource)).toBe(before + 1);
    } finally {
      await dataSource.destroy();
    }
  });

  it('logs every run, as the statement counts need', async () => {
    const { dataSource, counter } = await open();
    try {
      const statements = await counter.during(async () => {
        await rows(dataSource, sql`SELECT ${1} AS n`);
        await rows(dataSource, sql`SELECT ${2} AS n`);
      });
      expect(statements).toEqual(['SELECT ? AS n', 'SELECT ? AS n']);
    } finally {
      await dataSource.destroy();
    }
  });

  it('turns a statement SQLite cannot prepare into a QueryFailedError, and keeps nothing of it', async () => {
    const { dataSource } = await open();
    try {
      const before = preparedCount(dataSource);
      await expect(rows(dataSource, sql`SELECT * FROM "no_such_table"`)).rejects.toBeInstanceOf(QueryFailedError);
      await expect(rows(dataSource, sql`SELECT * FROM "no_such_table"`)).rejects.toThrow('no such table: no_such_table');
      expect(preparedCount(dataSource)).toBe(before);
      expect(await rows(dataSource, sql`SELECT ${'still'} AS answer`)).toEqual([{ answer: 'still' }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('sees what a write committed after the statement was prepared', async () => {
    const { dataSource } = await open();
    try {
      const count = () => rows<{ n: number }>(dataSource, sql`SELECT COUNT(*) AS n FROM "source"`);
      const [{ n: before }] = await count();
      await dataSource.query(`INSERT INTO "source" ("slug", "title") VALUES ('s-x', 'X')`);
      expect(await count()).toEqual([{ n: before + 1 }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('finalizes its statements when the database closes, so closing succeeds', async () => {
    const { dataSource } = await open();
    await rows(dataSource, sql`SELECT ${1} AS n`);
    expect(preparedCount(dataSource)).toBeGreaterThan(0);
    await expect(dataSource.destroy()).resolves.toBeUndefined();
  });
});
