import type { EntityCounts, LinkCounts } from '../import/import.writer';
import type { OnetLinkTable } from './onet.links';

/** The outcome of one import, for the CLI's closing report and for tests. */
export interface OnetImportSummary {
  dir: string;
  /** "O*NET 29.3 Database". */
  title: string;
  version: string;
  source: 'created' | 'updated' | 'unchanged';
  rowsRead: { file: string; rows: number }[];
  entities: Record<'role' | 'responsibility' | 'skill' | 'tool' | 'category', EntityCounts>;
  links: Record<OnetLinkTable, LinkCounts>;
  citations: { added: number; removed: number };
  /** Codes of O*NET roles from earlier imports that this release does not list; they are kept. */
  rolesNotInRelease: string[];
  seconds: number;
  attribution: string;
}

const number = (n: number) => n.toLocaleString('en-US');

function table(head: string[], rows: (string | number)[][]): string[] {
  const cells = [head, ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? number(cell) : cell)))];
  const widths = head.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells.map((row) =>
    `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`.trimEnd(),
  );
}

/** The closing report: rows read per file, what changed per entity and link type, time taken. */
export function formatSummary(summary: OnetImportSummary): string {
  const lines = [
    `Imported the ${summary.title} from ${summary.dir} in ${summary.seconds.toFixed(1)} s (source "onet" ${summary.source}).`,
    '',
  ];
  lines.push(
    ...table(
      ['file', 'rows read'],
      summary.rowsRead.map((r) => [r.file, r.rows]),
    ),
    '',
  );
  lines.push(
    ...table(
      ['entity', 'created', 'updated', 'unchanged', 'reused (curated)', 'skipped (deleted)'],
      Object.entries(summary.entities).map(([name, c]) => [name, c.created, c.updated, c.unchanged, c.reused, c.skipped]),
    ),
    '',
  );
  lines.push(
    ...table(
      ['link', 'created', 'updated', 'unchanged', 'deleted'],
      Object.entries(summary.links).map(([name, c]) => [name, c.created, c.updated, c.unchanged, c.deleted]),
    ),
    '',
  );
  lines.push(`  citations: ${number(summary.citations.added)} added, ${number(summary.citations.removed)} removed`);
  if (summary.rolesNotInRelease.length) {
    const codes = summary.rolesNotInRelease;
    lines.push(
      `  ${codes.length} O*NET role${codes.length === 1 ? '' : 's'} from an earlier release ${codes.length === 1 ? 'is' : 'are'} not in ${summary.version} and ${codes.length === 1 ? 'was' : 'were'} kept: ${codes.slice(0, 10).join(', ')}${codes.length > 10 ? ', …' : ''}`,
    );
  }
  return lines.join('\n');
}
