import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { processMemory } from './proc';

/** Each kind's script in dist/bench/ (the GraphQL servers of Skill Atlas, the ceiling and the naive resolver share one). */
const SCRIPTS: Record<string, string> = { bare: 'bare-server.js', postgraphile: 'postgraphile-server.js' };

/** Children still running, stopped if a benchmark is interrupted. */
export const running = new Set<ChildProcess>();

/** A server under test in a child process, with its memory read from /proc. */
export class ServerChild {
  private constructor(
    readonly kind: string,
    readonly process: ChildProcess,
    readonly url: string,
  ) {}

  /**
   * Starts `server-child.js <kind> <source>` (or the kind's own script) and waits until it listens.
   * `source` is the SQLite file, the bare server's answers file, or PostGraphile's connection
   * settings as JSON; `env` adds settings to the child's environment (e.g. `RESPONSE_CACHE_BYTES: '0'`).
   * Every server runs with NODE_ENV=production, as `npm start` runs Skill Atlas (graphql-js then
   * skips its development-only checks), and without the per-IP rate limit, which the load
   * generator (one IP sending thousands of requests a minute) would exhaust at once; the bench's
   * own environment can say otherwise.
   */
  static async start(kind: string, source: string, nodeArgs: string[] = [], env: Record<string, string> = {}): Promise<ServerChild> {
    const child = spawn(process.execPath, [...nodeArgs, join(__dirname, SCRIPTS[kind] ?? 'server-child.js'), kind, source], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { NODE_ENV: 'production', ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0', ...process.env, ...env },
    });
    running.add(child);
    const lines = createInterface({ input: child.stdout! });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the ${kind} server exited with code ${code} before listening`)));
      lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    });
    child.removeAllListeners('exit');
    child.once('exit', () => running.delete(child));
    const path = kind.startsWith('atlas') || kind === 'postgraphile' ? '/graphql' : '/';
    return new ServerChild(kind, child, `http://127.0.0.1:${port}${path}`);
  }

  /** VmRSS (now) and VmHWM (the peak since start), in MB. */
  memory(): { rss: number; peak: number } {
    return processMemory(this.process.pid!);
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.process.kill('SIGTERM');
    await exited;
  }
}
