import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { loadConfig, type Config } from '../config';
import { openDatabase } from '../database';
import { ImportInvalidError } from '../import/import.errors';

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

/** Runs a tool against the configured database: opens and migrates it, runs `task`, closes it. */
export function runCli(command: Command, task: (dataSource: DataSource, args: Args, config: Config) => Promise<void>): void {
  finish(async () => {
    const args = parseArgs(command, process.argv.slice(2));
    const config = loadConfig();
    const dataSource = await openDatabase(config);
    try {
      await task(dataSource, args, config);
    } finally {
      await dataSource.destroy();
    }
  });
}

function finish(run: () => Promise<void>): void {
  run().then(
    () => exitWhenFlushed(0),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(error.message);
        return exitWhenFlushed(2);
      }
      if (error instanceof ImportInvalidError) {
        console.error(error.message);
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
