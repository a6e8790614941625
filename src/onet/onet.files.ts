import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportProblem } from '../import/import.errors';

/** A tab-delimited O*NET file and the header columns the importer reads from it. */
export interface OnetFileSpec<C extends string = string> {
  name: string;
  columns: readonly C[];
}

function spec<const C extends string>(name: string, columns: readonly C[]): OnetFileSpec<C> {
  return { name, columns };
}

/**
 * The files of an O*NET 29.x text release the importer reads. A header must hold every listed
 * column (by name, in any order); other columns are ignored, so a release that adds one still loads.
 */
export const ONET_FILES = {
  occupations: spec('Occupation Data.txt', ['O*NET-SOC Code', 'Title', 'Description']),
  alternateTitles: spec('Alternate Titles.txt', ['O*NET-SOC Code', 'Alternate Title', 'Short Title']),
  jobZones: spec('Job Zones.txt', ['O*NET-SOC Code', 'Job Zone']),
  tasks: spec('Task Statements.txt', ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type']),
  contentModel: spec('Content Model Reference.txt', ['Element ID', 'Element Name', 'Description']),
  skills: spec('Skills.txt', [
    'O*NET-SOC Code',
    'Element ID',
    'Element Name',
    'Scale ID',
    'Data Value',
    'Recommend Suppress',
    'Not Relevant',
  ]),
  technologySkills: spec('Technology Skills.txt', [
    'O*NET-SOC Code',
    'Example',
    'Commodity Code',
    'Commodity Title',
    'Hot Technology',
    'In Demand',
  ]),
  toolsUsed: spec('Tools Used.txt', ['O*NET-SOC Code', 'Example', 'Commodity Code', 'Commodity Title']),
  relatedOccupations: spec('Related Occupations.txt', ['O*NET-SOC Code', 'Related O*NET-SOC Code', 'Relatedness Tier', 'Index']),
};

/** The release's free-text files: the release number and the attribution text come from them. */
export const README_FILE = 'Read Me.txt';
export const NOTICE_FILE = 'NOTICE.txt';

/** One data row: its line in the file and its trimmed values by column name. */
export type OnetRow<C extends string> = { readonly line: number } & { readonly [K in C]: string };

/** The valid rows of one file; `readable` is false when the file is missing or its header is wrong. */
export interface OnetTable<C extends string> {
  file: string;
  readable: boolean;
  rows: OnetRow<C>[];
}

/**
 * Reads one tab-delimited file (CRLF or LF, header row first). A missing file, a header without
 * the expected columns, and every row whose field count differs from the header's (a truncated
 * row, a stray tab) are reported; such rows are left out so later checks do not pile up on them.
 */
export function readTable<C extends string>(dir: string, fileSpec: OnetFileSpec<C>, problems: ImportProblem[]): OnetTable<C> {
  const file = fileSpec.name;
  const table: OnetTable<C> = { file, readable: false, rows: [] };
  const text = readText(dir, file, problems);
  if (text === undefined) return table;
  const lines = text.split(/\r?\n/);
  const header = lines[0].split('\t').map((name) => name.trim());
  const missing = fileSpec.columns.filter((column) => !header.includes(column));
  if (missing.length) {
    problems.push({
      file,
      line: 1,
      message: `header lacks column${missing.length === 1 ? '' : 's'} ${missing.map((c) => `"${c}"`).join(', ')} (found ${header.map((c) => `"${c}"`).join(', ')})`,
    });
    return table;
  }
  table.readable = true;
  const index = fileSpec.columns.map((column) => [column, header.indexOf(column)] as const);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const fields = line.split('\t');
    if (fields.length !== header.length) {
      problems.push({
        file,
        line: i + 1,
        message: `has ${fields.length} field${fields.length === 1 ? '' : 's'} where the header has ${header.length}${fields.length < header.length ? ' (truncated row?)' : ''}`,
      });
      continue;
    }
    const row: Record<string, string | number> = { line: i + 1 };
    for (const [column, at] of index) row[column] = fields[at].trim();
    table.rows.push(row as OnetRow<C>);
  }
  return table;
}

/** A file's text without a byte-order mark, or `undefined` (and a problem) when it cannot be read. */
export function readText(dir: string, file: string, problems?: ImportProblem[]): string | undefined {
  try {
    return readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems?.push({ file, message: code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? 'error'})` });
    return undefined;
  }
}
