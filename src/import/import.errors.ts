/**
 * One thing wrong with an import's input, located by file and, within it, by JSON path (dataset
 * files) or line (tab-delimited releases, where 1 is the header row). Neither is given when the
 * problem is with the file as a whole.
 */
export interface ImportProblem {
  file: string;
  path?: string;
  line?: number;
  message: string;
}

/** `Skills.txt line 1234: Data Value "abc" is not a number`, `roles.json: roles[3].name: is required`. */
export function formatProblem(problem: ImportProblem): string {
  const line = problem.line === undefined ? '' : ` line ${problem.line}`;
  return `${problem.file}${line}: ${problem.path ? `${problem.path}: ` : ''}${problem.message}`;
}

/**
 * Input that failed validation; nothing was written. `what` names it ("The dataset", "The O*NET
 * release in …"); the message lists the first `listed` problems, `problems` holds them all.
 */
export class ImportInvalidError<P extends ImportProblem = ImportProblem> extends Error {
  constructor(
    what: string,
    readonly problems: P[],
    listed = Infinity,
  ) {
    const lines = problems.slice(0, listed).map(formatProblem);
    if (problems.length > listed) lines.push(`… and ${problems.length - listed} more`);
    super(`${what} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written:\n${lines.join('\n')}`);
    this.name = 'ImportInvalidError';
  }
}
