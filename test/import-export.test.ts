import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDataVersion } from '../src/cache/data-version.store';
import { openDatabase } from '../src/database';
import { importOnet } from '../src/onet/onet.import';
import { projectRoot } from '../src/shared/project-root';
import { rows, sql } from '../src/db/sql';
import { exportDataset, serializeDataset } from '../src/dataset/dataset.export';
import { importDatasetFile } from '../src/dataset/dataset.import';
import { DatasetInvalidError } from '../src/dataset/dataset.load';
import { problemReport, TERMINAL_PROBLEMS } from '../src/cli/cli';
import { ImportInvalidError } from '../src/import/import.errors';
import { runCli, startCli } from './helpers/cli';
import { multiplyDataset, readSeedDataset } from './helpers/datasets';
import { dumpTables } from './helpers/table-dump';
import { blankDatabase, emptyDatabase, seededDatabase } from './helpers/test-database';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const tempDir = () => mkdtempSync(join(tmpdir(), 'skill-atlas-io-'));

describe('export and import', () => {
  it('re-importing an export of seeds + O*NET writes nothing: no row, no citation, no change record, the same data version', async () => {
    const db = await seededDatabase();
    await importOnet(db.dataSource, join(projectRoot(), 'test', 'fixtures', 'onet-mini'));
    const file = join(tempDir(), 'export.json');
    writeFileSync(file, serializeDataset(await exportDataset(db.dataSource)));
    const version = await readDataVersion(db.dataSource);
    const statements = await db.counter.during(() => importDatasetFile(db.dataSource, file));
    expect(statements.length).toBeGreaterThan(10);
    expect(statements.filter((text) => /^\s*(WITH\b[\s\S]*\b)?(INSERT|UPDATE|DELETE)\b/i.test(text))).toEqual([]);
    expect(await readDataVersion(db.dataSource)).toBe(version);
    await db.dataSource.destroy();
  });

  it('round-trips: export, import into an empty database, export again gives the same bytes', async () => {
    const seeded = await seededDatabase();
    const first = serializeDataset(await exportDataset(seeded.dataSource));
    const file = join(tempDir(), 'export.json');
    writeFileSync(file, first);

    const empty = await emptyDatabase();
    await importDatasetFile(empty.dataSource, file);
    const second = serializeDataset(await exportDataset(empty.dataSource));

    expect(second).toBe(first);
    expect(JSON.parse(first).roles.length).toBe(readSeedDataset().roles!.length);
    await seeded.dataSource.destroy();
    await empty.dataSource.destroy();
  });

  it('reports created, updated and unchanged records, and a dry run writes nothing', async () => {
    const db = await seededDatabase();
    const data = readSeedDataset();
    data.roles![0] = { ...data.roles![0], summary: 'A changed summary.' };
    data.tools!.push({ slug: 'deno', name: 'Deno', sources: [data.sources![0].slug] });
    const file = join(tempDir(), 'changes.json');
    writeFileSync(file, JSON.stringify(data));
    const before = await dumpTables(db.dataSource);

    const planned = await importDatasetFile(db.dataSource, file, { dryRun: true });
    expect(planned.roles).toEqual({ created: 0, updated: 1, unchanged: data.roles!.length - 1 });
    expect(planned.tools).toEqual({ created: 1, updated: 0, unchanged: data.tools!.length - 1 });
    expect(await dumpTables(db.dataSource)).toEqual(before);

    const done = await importDatasetFile(db.dataSource, file);
    expect(done).toEqual(planned);
    const [role] = await rows<{ summary: string }>(db.dataSource, sql`SELECT "summary" FROM "role" WHERE "slug" = ${data.roles![0].slug}`);
    expect(role.summary).toBe('A changed summary.');
    await db.dataSource.destroy();
  });

  it('rejects an invalid file with every problem and its JSON path, writing nothing', async () => {
    const db = await seededDatabase();
    const data = readSeedDataset() as any;
    const r = data.roles.findIndex((role: any) => role.skills?.length > 3);
    data.roles[r].skills[3].skill = 'kuberntes';
    data.tools[2].name = 42;
    const file = join(tempDir(), 'broken.json');
    writeFileSync(file, JSON.stringify(data));
    const before = await dumpTables(db.dataSource);

    const error = await importDatasetFile(db.dataSource, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetInvalidError);
    expect((error as DatasetInvalidError).message).toContain(`roles[${r}].skills[3].skill: unknown skill slug "kuberntes"`);
    expect((error as DatasetInvalidError).message).toContain(`tools[2].name: must be string`);
    expect(await dumpTables(db.dataSource)).toEqual(before);
    await db.dataSource.destroy();
  });
});

describe('the import and export commands', () => {
  it('export then import --dry-run then import, through the command line', async () => {
    const dir = tempDir();
    const seeded = await seededDatabase();
    await seeded.disconnect();
    const exported = await runCli('export', [join(dir, 'all.json')], seeded.env);
    await seeded.dataSource.destroy();
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/Exported 18 roles/);

    const target = await blankDatabase();
    const dry = await runCli('import', [join(dir, 'all.json'), '--dry-run'], target.env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Dry run: nothing was written/);
    expect(dry.stdout).toMatch(/roles\s+18\s+0\s+0/);

    const real = await runCli('import', [join(dir, 'all.json')], target.env);
    expect(real.code).toBe(0);
    const again = await runCli('export', [join(dir, 'again.json')], target.env);
    expect(again.code).toBe(0);
    await target.drop();
    expect(readFileSync(join(dir, 'again.json'), 'utf8')).toBe(readFileSync(join(dir, 'all.json'), 'utf8'));
  });

  it('exits non-zero with path-level messages on a broken file', async () => {
    const dir = tempDir();
    const data = readSeedDataset() as any;
    const r = data.roles.findIndex((role: any) => role.tools?.length > 0);
    data.roles[r].tools[0].tool = 'kuberntes';
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(data));
    const target = await blankDatabase();
    const result = await runCli('import', [join(dir, 'broken.json')], target.env);
    await target.drop();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`broken.json: roles[${r}].tools[0].tool: unknown tool slug "kuberntes"`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses two roles with one external code in --dry-run and in the real import alike, at its JSON path', async () => {
    const dir = tempDir();
    const data = readSeedDataset() as any;
    data.roles[0].externalCode = '15-1252.00';
    data.roles[1].externalCode = '15-1252.00';
    writeFileSync(join(dir, 'twice.json'), JSON.stringify(data));
    const database = await blankDatabase();
    const message = `twice.json: roles[1].externalCode: external code "15-1252.00" is also the code of roles[0]; each role has its own`;
    for (const args of [['--dry-run'], []]) {
      const result = await runCli('import', [join(dir, 'twice.json'), ...args], database.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/SQLITE|constraint/i);
    }
    await database.drop();
  });

  it('refuses an external code another role in the database holds already', async () => {
    const dir = tempDir();
    const seeded = await seededDatabase();
    const data = readSeedDataset() as any;
    data.roles[0].externalCode = '15-1252.00';
    writeFileSync(join(dir, 'first.json'), JSON.stringify(data));
    expect((await runCli('import', [join(dir, 'first.json')], seeded.env)).code).toBe(0);
    const before = await dumpTables(seeded.dataSource);

    const other = readSeedDataset() as any;
    other.roles = [{ ...other.roles[1], externalCode: '15-1252.00' }];
    writeFileSync(join(dir, 'second.json'), JSON.stringify(other));
    const result = await runCli('import', [join(dir, 'second.json')], seeded.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `second.json: roles[0].externalCode: external code "15-1252.00" belongs to the role "${data.roles[0].slug}" already; each role has its own`,
    );
    expect(await dumpTables(seeded.dataSource)).toEqual(before);
    await seeded.dataSource.destroy();
  });

  it('lists every problem of a file with hundreds of thousands of them, through a pipe, to the last', async () => {
    const dir = tempDir();
    const roles = Array.from({ length: 130_000 }, (_, i) => ({ slug: `Bad Slug ${i}`, name: `Role ${i}` }));
    writeFileSync(join(dir, 'many.json'), JSON.stringify({ roles }));
    const target = await blankDatabase();
    const result = await runCli('import', [join(dir, 'many.json')], target.env);
    await target.drop();
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('Maximum call stack');
    // Two problems per role (no sources, a bad slug) and two for the file (no format, no version).
    expect(result.stderr).toContain('The dataset has 260002 problems; nothing was written:');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      `${join(dir, 'many.json')}: roles[129999].slug: must be a lowercase kebab-case slug (like "ruby-on-rails"), got "Bad Slug 129999"`,
    );
  });

  it('with --problems-file, writes every problem there as a JSON line and lists only the first ones', async () => {
    const dir = tempDir();
    const roles = Array.from({ length: 100 }, (_, i) => ({ slug: `Bad Slug ${i}`, name: `Role ${i}` }));
    writeFileSync(join(dir, 'many.json'), JSON.stringify({ roles }));
    const problemsFile = join(dir, 'problems.jsonl');
    const result = await runCli('import', [join(dir, 'many.json'), '--problems-file', problemsFile], {
      DATABASE_PATH: join(dir, 'db.sqlite'),
    });
    expect(result.code).toBe(1);
    const problems = readFileSync(problemsFile, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(problems).toHaveLength(202);
    expect(problems.at(-1)).toEqual({
      file: join(dir, 'many.json'),
      path: 'roles[99].slug',
      message: expect.stringContaining('"Bad Slug 99"'),
    });
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('The dataset has 202 problems; nothing was written:');
    expect(lines.at(-1)).toBe(`All 202 problems are in ${problemsFile}, one JSON object per line.`);
    expect(lines).toHaveLength(TERMINAL_PROBLEMS + 2);
  });

  it('on a terminal, lists the first problems and says how many more there are and how to get them', () => {
    const problems = Array.from({ length: 75 }, (_, i) => ({ file: 'x.json', path: `roles[${i}].name`, message: 'is required' }));
    const report = problemReport(new ImportInvalidError('The dataset', problems), { terminal: true }).split('\n');
    expect(report).toHaveLength(TERMINAL_PROBLEMS + 2);
    expect(report.at(-1)).toBe('… and 25 more. Pass --problems-file <file> to get every problem, one JSON object per line.');
    expect(problemReport(new ImportInvalidError('The dataset', problems), { terminal: false }).split('\n')).toHaveLength(76);
  });

  it('reports each step of an import and of an export on stderr, numbered to the last', async () => {
    const dir = tempDir();
    const database = { DATABASE_PATH: join(dir, 'db.sqlite') };
    writeFileSync(join(dir, 'seeds.json'), JSON.stringify(readSeedDataset()));
    const imported = await runCli('import', [join(dir, 'seeds.json')], database);
    const exported = await runCli('export', [join(dir, 'out.json')], database);
    for (const result of [imported, exported]) {
      expect(result.code).toBe(0);
      const steps = result.stderr.trimEnd().split('\n');
      const numbers = steps.map((line) => /^\[\s*(\d+)\/(\d+)\]/.exec(line)?.slice(1).join('/'));
      expect(numbers).toEqual(steps.map((_, i) => `${i + 1}/${steps.length}`));
    }
    expect(imported.stderr.trimEnd()).toMatch(/links and their citations$/);
    expect(exported.stderr).toMatch(/roles: \d+\n/);
    expect(exported.stderr.trimEnd()).toMatch(/written to .*out\.json$/);
  });

  it('leaves the database exactly as before when the import is killed midway', async () => {
    const dir = tempDir();
    const seeded = await seededDatabase();
    const before = await dumpTables(seeded.dataSource);
    await seeded.disconnect();
    // Large enough that the write takes a while: 200 copies of the seed graph.
    writeFileSync(join(dir, 'big.json'), JSON.stringify(multiplyDataset(readSeedDataset(), 200)));

    const { child, done } = startCli('import', [join(dir, 'big.json')], seeded.env);
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        // The transaction is open once the first batch of rows has been written.
        if (chunk.toString().includes('sources:')) resolve();
      });
      child.on('close', () => reject(new Error('the import finished before it could be killed')));
    });
    child.kill('SIGKILL');
    const result = await done;
    expect(result.signal).toBe('SIGKILL');
    expect(result.stderr).not.toContain('links and their citations');

    const reopened = await openDatabase(seeded.config);
    expect(await dumpTables(reopened)).toEqual(before);
    await reopened.destroy();
    await seeded.dataSource.destroy();
  });
});
