/** One thing wrong with an O*NET release, located by file name and line (1 is the header row). */
export interface OnetProblem {
  file: string;
  /** Line in the file; absent when the problem is with the file as a whole. */
  line?: number;
  message: string;
}

/** `Skills.txt line 1234: Data Value "abc" is not a number`. */
export function formatOnetProblem(problem: OnetProblem): string {
  return `${problem.file}${problem.line === undefined ? '' : ` line ${problem.line}`}: ${problem.message}`;
}

/** How many problems the error message lists; `problems` always holds them all. */
const LISTED = 100;

/** An O*NET release that failed validation; nothing was written. */
export class OnetImportError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: OnetProblem[],
  ) {
    const listed = problems.slice(0, LISTED).map(formatOnetProblem);
    if (problems.length > LISTED) listed.push(`… and ${problems.length - LISTED} more`);
    super(
      `The O*NET release in ${dir} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written:\n${listed.join('\n')}`,
    );
    this.name = 'OnetImportError';
  }
}
