import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { loadConfig, type Config } from '../config';
import { openDatabase } from '../database';
import { formatProblem, ImportInvalidError } from '../import/import.errors';

/**
 * The one way a command-line tool runs: its arguments are parsed against what it declares, a
 * usage mistake prints `Usage: npm run <script> -- …` and exits 2, input that fails validation
 * prints its problems and exits 1, and any other failure prints one line (no stack) and exits 1.
 */

/** What a command takes. */
export interface Command {
  /** The npm script: `import`, `import:onet`. */
  script: string;
  /** Positional arguments in order, as the usage line names them: `file`, `folder`. */
  positional?: readonly string[];
  /** Flags it accepts: `--dry-run`. */
  flags?: readonly string[];
  /** Options that take a value: `--name <value>`. */
  options?: readonly string[];
  /** Said after the usage line, e.g. an example argument. */
  hint?: string;
}

/** The parsed command line. */
export interface Args {
  positional: string[];
  flags: ReadonlySet<string>;
  options: ReadonlyMap<string, string>;
}

/** A usage or input mistake: printed as it is, exit code 2. */
export class UsageError extends Error {}

/** `Usage: npm run import -- <file> [--dry-run]`. */
export function usage(command: Command): string {
  const parts = [
    ...(command.positional ?? []).map((p) => `<${p}>`),
    ...(command.options ?? []).map((o) => `[${o} <${o.slice(2)}>]`),
    ...(command.flags ?? []).map((f) => `[${f}]`),
  ];
  const line = `Usage: npm run ${command.script}${parts.length ? ` -- ${parts.join(' ')}` : ''}`;
  return command.hint ? `${line} (${command.hint})` : line;
}

/** Splits the command line into the declared positionals and flags; anything else is a UsageError. */
export function parseArgs(command: Command, argv: readonly string[]): Args {
  const known = new Set(command.flags ?? []);
  const valued = new Set(command.options ?? []);
  const positional: string[] = [];
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (valued.has(arg)) {
      if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value. ${usage(command)}`);
      options.set(arg, argv[++i]);
    } else if (known.has(arg)) flags.add(arg);
    else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}. ${usage(command)}`);
    else positional.push(arg);
  }
  if (positional.length !== (command.positional ?? []).length) throw new UsageError(usage(command));
  return { positional, flags, options };
}

/** Runs a tool that needs no database. */
export function runTool(command: Command, task: (args: Args) => Promise<void>): void {
  finish(async () => task(parseArgs(command, process.argv.slice(2))));
}

/** The option of the importing commands that writes every problem to a file. */
export const PROBLEMS_FILE = '--problems-file';

/** Problems a terminal is shown before the rest are only counted. */
export const TERMINAL_PROBLEMS = 50;

/**
 * What a command prints for input that failed validation. Through a pipe, every problem (a log
 * or `grep` wants them all); on a terminal, the first TERMINAL_PROBLEMS and how many more; with
 * `problemsFile`, every problem goes to that file as JSON lines (`{"file","path","line","message"}`)
 * and the terminal or pipe gets the first ones and where the rest are.
 */
export function problemReport(error: ImportInvalidError, options: { terminal: boolean; problemsFile?: string }): string {
  const { problems } = error;
  const heading = error.message.split('\n')[0];
  if (options.problemsFile) {
    writeFileSync(options.problemsFile, problems.map((problem) => `${JSON.stringify(problem)}\n`).join(''));
  }
  const shown = options.problemsFile || options.terminal ? Math.min(problems.length, TERMINAL_PROBLEMS) : problems.length;
  const lines = [heading, ...problems.slice(0, shown).map(formatProblem)];
  if (options.problemsFile) lines.push(`All ${problems.length} problems are in ${options.problemsFile}, one JSON object per line.`);
  else if (shown < problems.length)
    lines.push(`… and ${problems.length - shown} more. Pass ${PROBLEMS_FILE} <file> to get every problem, one JSON object per line.`);
  return lines.join('\n');
}

/** Runs a tool against the configured database: opens and migrates it, runs `task`, closes it. */
export function runCli(command: Command, task: (dataSource: DataSource, args: Args, config: Config) => Promise<void>): void {
  let problemsFile: string | undefined;
  finish(
    async () => {
      const args = parseArgs(command, process.argv.slice(2));
      problemsFile = args.options.get(PROBLEMS_FILE);
      const config = loadConfig();
      const dataSource = await openDatabase(config);
      try {
        await task(dataSource, args, config);
      } finally {
        await dataSource.destroy();
      }
    },
    () => problemsFile,
  );
}

function finish(run: () => Promise<void>, problemsFile: () => string | undefined = () => undefined): void {
  run().then(
    () => exitWhenFlushed(0),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(error.message);
        return exitWhenFlushed(2);
      }
      if (error instanceof ImportInvalidError) {
        console.error(problemReport(error, { terminal: process.stderr.isTTY === true, problemsFile: problemsFile() }));
        return exitWhenFlushed(1);
      }
      console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
      exitWhenFlushed(1);
    },
  );
}

/**
 * Exits with `code` once everything written to stdout and stderr has been handed to the system:
 * writes to a pipe are asynchronous, and `process.exit` right after a long problem list would cut
 * it at the pipe's 64 KB. An empty write's callback runs after the writes before it.
 */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
