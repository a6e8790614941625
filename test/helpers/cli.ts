import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/shared/project-root';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts a Node script from the project root, with `env` added to this process's environment. */
function startNode(script: string, args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: projectRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Starts a compiled command-line tool (built by the jest global setup) against a database file. */
export function startCli(tool: string, args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<CliResult> } {
  return startNode(join(projectRoot(), 'dist', 'src', 'cli', `${tool}.js`), args, env);
}

/** Runs a command-line tool to the end. */
export function runCli(tool: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return startCli(tool, args, env).done;
}

/**
 * Runs the TypeORM CLI on the compiled ormconfig, as `npm run migration:generate` does after its
 * build (the jest global setup has built dist/ already).
 */
export function runTypeorm(command: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return startNode(join(projectRoot(), 'node_modules', 'typeorm', 'cli.js'), [command, '-d', join('dist', 'ormconfig.js'), ...args], env)
    .done;
}
