import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A server under test in a child process, with its memory read from /proc. */
export class ServerChild {
  private constructor(
    readonly kind: string,
    readonly process: ChildProcess,
    readonly url: string,
  ) {}

  /**
   * Starts `server-child.js <kind> <file>` (or `bare-server.js`) and waits until it listens.
   * `env` adds settings to the child's environment (e.g. `RESPONSE_CACHE_BYTES: '0'`).
   */
  static async start(kind: string, file: string, nodeArgs: string[] = [], env: Record<string, string> = {}): Promise<ServerChild> {
    const child = spawn(
      process.execPath,
      [...nodeArgs, join(__dirname, kind === 'bare' ? 'bare-server.js' : 'server-child.js'), kind, file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, ...env },
      },
    );
    const lines = createInterface({ input: child.stdout! });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the ${kind} server exited with code ${code} before listening`)));
      lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    });
    child.removeAllListeners('exit');
    const path = kind.startsWith('atlas') ? '/graphql' : '/';
    return new ServerChild(kind, child, `http://127.0.0.1:${port}${path}`);
  }

  /** VmRSS (now) and VmHWM (the peak since start), in MB. */
  memory(): { rss: number; peak: number } {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.process.kill('SIGTERM');
    await exited;
  }
}
